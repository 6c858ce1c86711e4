import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import { AppError } from '../platform/errors';

/**
 * argon2id at OWASP's recommended setting (Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1) for passwords
 * and payment PINs alike. A PIN's strength is the lock after 5 wrong tries (auth.attempts), not the hash cost, so a
 * heavier setting would only buy slower logins for everyone during a burst. Hashes made with older parameters still
 * verify; `needsRehash` tells the caller to store a new one.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface HashingLimits {
  /** Hashes computed at once (each one occupies a libuv thread and ~19 MiB). */
  concurrency: number;
  /** Hashes allowed to wait; beyond that a request is refused at once with `unavailable` instead of queueing. */
  maxQueued: number;
}

export const DEFAULT_HASHING_LIMITS: HashingLimits = {
  concurrency: Math.max(2, Math.min(4, availableParallelism())),
  maxQueued: 64,
};

let limits = DEFAULT_HASHING_LIMITS;
let limit: LimitFunction = pLimit(limits.concurrency);

/** Sets the process's hashing limits (the app does it once at start from its config; tests tighten them). */
export function configureHashing(next: Partial<HashingLimits>): void {
  limits = { ...limits, ...next };
  limit = pLimit(limits.concurrency);
}

/**
 * Runs one argon2 computation through the process's bounded queue. The queue is what keeps one person's burst (or a
 * flood of logins) from taking every thread for a minute: past `maxQueued` waiting hashes the request is refused in
 * microseconds, and per-person serialization (auth.attempts) means one person holds at most one place in it.
 */
function hashing<T>(work: () => Promise<T>): Promise<T> {
  if (limit.pendingCount >= limits.maxQueued) {
    return Promise.reject(new AppError('unavailable', 'The server is busy checking passwords; try again in a moment'));
  }
  return limit(work);
}

export function hashPassword(password: string): Promise<string> {
  return hashing(() => argon2.hash(password, ARGON2_OPTIONS));
}

let verifications = 0;

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return hashing(() => {
    verifications += 1;
    return argon2.verify(hash, password);
  });
}

/** What the hashing queue is doing (health and tests): verifications computed so far, running, waiting. */
export function hashingStats(): { verifications: number; active: number; queued: number } {
  return { verifications, active: limit.activeCount, queued: limit.pendingCount };
}

/** True when `hash` was made with other parameters than ARGON2_OPTIONS (re-hash it after a successful check). */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash so that "no such user" costs as long as "wrong password" and login timing
 * does not reveal which usernames exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= argon2.hash('not-a-real-password', ARGON2_OPTIONS);
  const hash = await dummyHash;
  await hashing(() => argon2.verify(hash, password));
}
