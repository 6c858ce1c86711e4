import { createHash } from 'node:crypto';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKeySchema } from '@app/shared';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { RequestHandler } from 'express';
import { authOf } from '../auth/auth.middleware';
import { AppError } from '../platform/errors';
import type { Db } from '../schema';
import { idempotencyKeys } from './wallet.tables';

/** Keys are kept at least this long (DESIGN §5: ≥ 24 h). */
export const IDEMPOTENCY_TTL_HOURS = 48;
const WAIT_FOR_FIRST_MS = 15_000;
/** Refusals the client cures by retrying (a right PIN, later): not the key's final answer. */
const RETRYABLE = new Set(['pin_wrong', 'pin_locked', 'pin_required', 'rate_limited']);

/**
 * Money POSTs take an `Idempotency-Key`. The first request with a key runs; its response (status and body) is stored.
 * Any later request with that key gets the stored response — concurrent ones wait for the first to finish — and the
 * same key with a different body or route is refused with 409 `idempotency_key_reused`. A 5xx, a wrong PIN or a rate limit is
 * not stored, so the client may retry with the same key. A client that hangs up does not release its key: the handler
 * still runs to the end and stores its answer, so the retry replays it instead of moving the money twice.
 */
export function idempotent(db: Db): RequestHandler {
  return async (req, res, next) => {
    const parsed = IdempotencyKeySchema.safeParse(req.get(IDEMPOTENCY_KEY_HEADER));
    if (!parsed.success) {
      throw new AppError(
        'idempotency_key_missing',
        'Money requests need an Idempotency-Key header (8..128 characters)',
      );
    }
    const userId = authOf(res).userId;
    const key = parsed.data;
    const route = `${req.method} ${req.baseUrl}${req.path}`;
    // The PIN is left out of the hash: a stored hash must not let anyone recover a 6-digit PIN.
    const { pin: _pin, currentPin: _currentPin, ...rest } = (req.body ?? {}) as Record<string, unknown>;
    const requestHash = createHash('sha256').update(JSON.stringify(rest)).digest('hex');

    const [claimed] = await db
      .insert(idempotencyKeys)
      .values({ userId, key, route, requestHash })
      .onConflictDoNothing()
      .returning();
    if (!claimed) {
      const stored = await waitForStored(db, userId, key);
      if (stored.route !== route || stored.requestHash !== requestHash) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request');
      }
      res.setHeader('Idempotent-Replay', 'true');
      res.status(stored.status!).json(stored.response);
      return;
    }

    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
      const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
      const save =
        res.statusCode >= 500 || (code !== undefined && RETRYABLE.has(code))
          ? db.delete(idempotencyKeys).where(where)
          : db.update(idempotencyKeys).set({ status: res.statusCode, response: body }).where(where);
      // Store before answering, so a retry arriving right after the answer finds it.
      save.then(
        () => json(body),
        () => json(body),
      );
      return res;
    };
    next();
  };
}

async function waitForStored(db: Db, userId: string, key: string) {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!row) throw new AppError('conflict', 'The first request with this Idempotency-Key failed; retry');
    if (row.status !== null) return row;
    if (Date.now() > deadline)
      throw new AppError('conflict', 'The first request with this Idempotency-Key is still running');
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Forgets keys older than the TTL (run by a periodic job). */
export async function pruneIdempotencyKeys(db: Db): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`));
}
