import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKeySchema } from '@app/shared';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { RequestHandler } from 'express';
import { authOf } from '../auth/auth.middleware';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { idempotencyKeys } from './wallet.tables';

/** Keys are kept at least this long (DESIGN §5: ≥ 24 h). */
export const IDEMPOTENCY_TTL_HOURS = 48;
/**
 * How long a running request owns its key; a request that has not stored an outcome by then is taken for dead.
 * Process-wide (IDEMPOTENCY_LEASE_SECONDS, set by `createApp`).
 */
let leaseSeconds = 30;

export function configureIdempotency(options: { leaseSeconds: number }): void {
  leaseSeconds = options.leaseSeconds;
}
const WAIT_FOR_FIRST_MS = 15_000;
/** Refusals the client cures by retrying (a right PIN, later): not the key's final answer. */
const RETRYABLE = new Set(['pin_wrong', 'pin_locked', 'pin_required', 'rate_limited', 'unavailable']);

export interface IdempotentOptions {
  /** The status of the route's success answer (what `settleIdempotent` stores). */
  status?: number;
  /** Turns the service's result into the route's success body, when the route wraps it. */
  body?: (result: never) => unknown;
}

interface Claim {
  userId: string;
  key: string;
  token: string;
  status: number;
  body: (result: unknown) => unknown;
  settled: boolean;
}

const claims = new AsyncLocalStorage<Claim>();

/**
 * Money POSTs take an `Idempotency-Key`; the client always learns the outcome of a key and the money moves once.
 *
 * - The first request with a key claims it with a lease (30 s by default) and runs. The service stores the success answer with
 *   `settleIdempotent(tx, result)` **in the transaction that moves the money**, so an effect and its stored answer
 *   commit together or not at all; refusals (4xx) are stored when they are sent.
 * - A later request with the key gets the stored answer (`Idempotent-Replay: true`); one that arrives while the first
 *   is running waits for it; the same key with another body or route is a 409 `idempotency_key_reused`.
 * - A first request that died (the node was killed) leaves a claim without an answer; once its lease has passed, a
 *   retry takes the key over and runs — nothing had committed, since the answer commits with the effect. A 5xx, a
 *   wrong PIN or a rate limit releases the key at once, so the client may retry with it.
 * - A client that hangs up does not release its key: the handler still runs to the end and stores its answer.
 */
export function idempotent(db: Db, options: IdempotentOptions = {}): RequestHandler {
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
    const token = randomUUID();

    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
      if (await claimKey(db, { userId, key, route, requestHash, token })) break;
      const [row] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      if (!row) continue; // released by a failed first request: claim it now
      if (row.route !== route || row.requestHash !== requestHash) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request');
      }
      if (row.status !== null) {
        res.setHeader('Idempotent-Replay', 'true');
        res.status(row.status).json(row.response);
        return;
      }
      if (Date.now() > deadline)
        throw new AppError('conflict', 'The first request with this Idempotency-Key is still running');
      await new Promise((r) => setTimeout(r, delay));
    }

    const claim: Claim = {
      userId,
      key,
      token,
      status: options.status ?? 200,
      body: (options.body as ((result: unknown) => unknown) | undefined) ?? ((result) => result),
      settled: false,
    };
    const mine = and(
      eq(idempotencyKeys.userId, userId),
      eq(idempotencyKeys.key, key),
      eq(idempotencyKeys.leaseToken, token),
      isNull(idempotencyKeys.status),
    );
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
      // Conditional on our lease and on no stored answer: a settled answer is never overwritten or released.
      const save =
        res.statusCode >= 500 || (code !== undefined && RETRYABLE.has(code))
          ? db.delete(idempotencyKeys).where(mine)
          : db.update(idempotencyKeys).set({ status: res.statusCode, response: body, leaseUntil: null }).where(mine);
      // Store before answering, so a retry arriving right after the answer finds it.
      save.then(
        () => json(body),
        () => json(body),
      );
      return res;
    };
    claims.run(claim, next);
  };
}

/**
 * Stores the success answer of the running idempotent request, inside the transaction `tx` that makes its effect
 * (the last statement of it). A no-op outside an idempotent request. Throws `conflict` — rolling the effect back —
 * when the request's lease was taken over by a retry, which then is the one that moves the money.
 */
export async function settleIdempotent(tx: Tx, result: unknown): Promise<void> {
  const claim = claims.getStore();
  if (!claim || claim.settled) return;
  const response = JSON.parse(JSON.stringify(claim.body(result))) as unknown; // exactly what res.json sends
  const [stored] = await tx
    .update(idempotencyKeys)
    .set({ status: claim.status, response, leaseUntil: null })
    .where(
      and(
        eq(idempotencyKeys.userId, claim.userId),
        eq(idempotencyKeys.key, claim.key),
        eq(idempotencyKeys.leaseToken, claim.token),
        isNull(idempotencyKeys.status),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  if (!stored) throw new AppError('conflict', 'A retry of this request took it over; that retry has the answer');
  claim.settled = true;
}

/** Inserts a claim, or takes over one whose request died (no answer, lease over); false when neither. */
async function claimKey(
  db: Db,
  c: { userId: string; key: string; route: string; requestHash: string; token: string },
): Promise<boolean> {
  const leaseUntil = sql`now() + make_interval(secs => ${leaseSeconds})`;
  const result = await db.execute(sql`
    insert into idempotency_keys (user_id, key, route, request_hash, lease_token, lease_until)
    values (${c.userId}, ${c.key}, ${c.route}, ${c.requestHash}, ${c.token}, ${leaseUntil})
    on conflict (user_id, key) do update
      set lease_token = excluded.lease_token, lease_until = excluded.lease_until
      where idempotency_keys.status is null
        and (idempotency_keys.lease_until is null or idempotency_keys.lease_until < now())
        and idempotency_keys.route = excluded.route
        and idempotency_keys.request_hash = excluded.request_hash
    returning 1 as claimed`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0;
}

/** Forgets keys older than the TTL (run by a periodic job). */
export async function pruneIdempotencyKeys(db: Db): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`));
}
