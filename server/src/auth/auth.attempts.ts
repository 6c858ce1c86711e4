import { eq, sql } from 'drizzle-orm';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { credentialGuards } from './auth.tables';

export interface GuardPolicy {
  /** Wrong guesses in a row that lock the key. */
  maxFailures: number;
  lockMinutes: number;
}

export interface GuardOptions {
  /** How long one attempt may hold its key before another node may take it (a node that died mid-check). */
  leaseMs: number;
  /** Attempts of one key allowed to wait in this process; more are refused at once with `rate_limited`. */
  maxWaiting: number;
  /** How long an attempt waits for another node's attempt on the same key before giving up. */
  busyWaitMs: number;
}

export const DEFAULT_GUARD_OPTIONS: GuardOptions = { leaseMs: 10_000, maxWaiting: 20, busyWaitMs: 5_000 };

export type AttemptResult =
  | { kind: 'ok' }
  /** `lockedUntil` when this guess was the one that locked the key. */
  | { kind: 'wrong'; triesLeft: number; lockedUntil: Date | null }
  /** Locked before this guess: nothing was computed. */
  | { kind: 'locked'; until: Date };

/**
 * Guesses at a secret, at most `maxFailures` of them evaluated before the lock, however many arrive at once and on
 * however many nodes. Each attempt is counted in the database *before* its hash is computed (a check cut short by a
 * crash stays counted), and only one attempt per key runs at a time: attempts queue in this process, and across
 * processes the row's `busy_until` lease admits one. The lock is decided by the attempt that makes the count reach
 * the limit, so every attempt after it sees the lock without computing anything.
 */
export class AttemptGuard {
  private readonly queues = new Map<string, { tail: Promise<unknown>; size: number }>();

  constructor(
    private readonly db: Db,
    private readonly options: GuardOptions = DEFAULT_GUARD_OPTIONS,
  ) {}

  /** The end of the key's lock, or null when it is not locked. */
  async lockedUntil(key: string, db: Db | Tx = this.db): Promise<Date | null> {
    const [row] = await db
      .select({ lockedUntil: credentialGuards.lockedUntil })
      .from(credentialGuards)
      .where(eq(credentialGuards.key, key));
    return row?.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil : null;
  }

  /** Forgets the key's failures and lock (a new PIN was set). */
  async reset(key: string): Promise<void> {
    await this.db.delete(credentialGuards).where(eq(credentialGuards.key, key));
  }

  /** Runs `check` (true = the secret was right) as one counted guess at `key`. */
  attempt(key: string, policy: GuardPolicy, check: () => Promise<boolean>): Promise<AttemptResult> {
    return this.serially(key, () => this.attemptNow(key, policy, check));
  }

  private async serially<T>(key: string, run: () => Promise<T>): Promise<T> {
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), size: 0 };
    if (queue.size >= this.options.maxWaiting) {
      throw new AppError('rate_limited', 'Too many attempts at once; wait for the answers to the first ones');
    }
    queue.size += 1;
    this.queues.set(key, queue);
    const result = queue.tail.then(run);
    queue.tail = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      queue.size -= 1;
      if (queue.size === 0) this.queues.delete(key);
    }
  }

  private async attemptNow(key: string, policy: GuardPolicy, check: () => Promise<boolean>): Promise<AttemptResult> {
    const deadline = Date.now() + this.options.busyWaitMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
      const claimed = await this.claim(key);
      if (claimed) break;
      const locked = await this.lockedUntil(key);
      if (locked) return { kind: 'locked', until: locked };
      // Another node's attempt at this key is in flight: wait for it (its lease ends it if that node died).
      if (Date.now() > deadline) {
        throw new AppError('rate_limited', 'Another attempt is still being checked; try again in a moment');
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }

    let right: boolean;
    try {
      right = await check();
    } catch (err) {
      // Not a guess (the hashing queue was full, the database failed): give the attempt back.
      await this.release(key, sql`greatest(${credentialGuards.failedCount} - 1, 0)`).catch(() => undefined);
      throw err;
    }
    if (right) {
      await this.release(key, sql`0`);
      return { kind: 'ok' };
    }
    // In SET every expression sees the old row: on reaching the limit, lock and start counting afresh.
    const reached = sql`${credentialGuards.failedCount} >= ${policy.maxFailures}`;
    const [after] = await this.db
      .update(credentialGuards)
      .set({
        failedCount: sql`case when ${reached} then 0 else ${credentialGuards.failedCount} end`,
        lockedUntil: sql`case when ${reached} then now() + make_interval(mins => ${policy.lockMinutes}) else ${credentialGuards.lockedUntil} end`,
        busyUntil: null,
        updatedAt: sql`now()`,
      })
      .where(eq(credentialGuards.key, key))
      .returning({ failedCount: credentialGuards.failedCount, lockedUntil: credentialGuards.lockedUntil });
    const lockedUntil = after?.lockedUntil && after.lockedUntil.getTime() > Date.now() ? after.lockedUntil : null;
    return { kind: 'wrong', triesLeft: lockedUntil ? 0 : policy.maxFailures - (after?.failedCount ?? 0), lockedUntil };
  }

  /** Counts one attempt and takes the key's lease; false when it is locked or another attempt holds the lease. */
  private async claim(key: string): Promise<boolean> {
    const lease = sql`now() + make_interval(secs => ${this.options.leaseMs / 1000})`;
    const result = await this.db.execute(sql`
      insert into credential_guards (key, failed_count, busy_until) values (${key}, 1, ${lease})
      on conflict (key) do update
        set failed_count = credential_guards.failed_count + 1, busy_until = ${lease}, updated_at = now()
        where (credential_guards.busy_until is null or credential_guards.busy_until < now())
          and (credential_guards.locked_until is null or credential_guards.locked_until <= now())
      returning 1 as claimed`);
    return (result as unknown as { rows: unknown[] }).rows.length > 0;
  }

  private async release(key: string, failedCount: ReturnType<typeof sql>): Promise<void> {
    await this.db
      .update(credentialGuards)
      .set({ failedCount, busyUntil: null, updatedAt: sql`now()` })
      .where(eq(credentialGuards.key, key));
  }
}
