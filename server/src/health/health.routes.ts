import type { BundledApp, Health } from '@app/shared';
import { Router } from 'express';
import { AppError } from '../platform/errors';
import type { DbKind } from '../platform/db';
import type { RedisClient } from '../platform/redis';

export interface HealthDeps {
  dbKind: DbKind;
  pingDb: () => Promise<void>;
  redis: RedisClient | undefined;
  version: string;
  bundled: () => BundledApp[];
}

/** `GET /api/health`: 200 when the database answers, 503 `unavailable` when it does not. */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      await deps.pingDb();
    } catch {
      throw new AppError('unavailable', 'Database is not reachable');
    }
    res.json({
      ok: true,
      db: deps.dbKind,
      redis: deps.redis?.isReady ?? false,
      version: deps.version,
      bundled: deps.bundled(),
    } satisfies Health);
  });
  return router;
}
