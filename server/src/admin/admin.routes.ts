import { AppParamsSchema, AuditQuerySchema, SuspendAppSchema } from '@app/shared';
import { Router, type Response } from 'express';
import { authOf, requireAdmin } from '../auth/auth.middleware';
import { input, validate } from '../platform/http/validate';
import type { AdminService } from './admin.service';

const appId = (res: Response) => input(res, AppParamsSchema, 'params').appId;

/** `/api/admin/apps` (list, suspend, resume) and `/api/admin/audit`; behind requireAuth, admins only. */
export function adminRouter(service: AdminService): Router {
  const router = Router();
  router.get('/admin/apps', requireAdmin, async (_req, res) => {
    res.json({ apps: await service.apps() });
  });
  router.post(
    '/admin/apps/:appId/suspend',
    requireAdmin,
    validate(AppParamsSchema, 'params'),
    validate(SuspendAppSchema),
    async (_req, res) => {
      res.json({ app: await service.suspend(authOf(res).userId, appId(res), input(res, SuspendAppSchema).reason) });
    },
  );
  router.post('/admin/apps/:appId/resume', requireAdmin, validate(AppParamsSchema, 'params'), async (_req, res) => {
    res.json({ app: await service.resume(authOf(res).userId, appId(res)) });
  });
  router.get('/admin/audit', requireAdmin, validate(AuditQuerySchema, 'query'), async (_req, res) => {
    const { cursor, limit } = input(res, AuditQuerySchema, 'query');
    res.json(await service.audit(cursor, limit));
  });
  return router;
}
