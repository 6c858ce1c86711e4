import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import PQueue from 'p-queue';
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
  /**
   * Hashes allowed to wait, per purpose; beyond that a request is refused at once with `unavailable` instead of
   * queueing.
   */
  maxQueued: number;
}

export const DEFAULT_HASHING_LIMITS: HashingLimits = {
  concurrency: Math.max(2, Math.min(4, availableParallelism())),
  maxQueued: 64,
};

/**
 * What a hash is for. Signing in (and registering) goes ahead of payment PINs in the queue: a burst of payments —
 * one person's or a crowd's — slows payments down, but never keeps people out of the app.
 */
export type HashPurpose = 'session' | 'payment';
const PRIORITY: Record<HashPurpose, number> = { session: 1, payment: 0 };

let limits = DEFAULT_HASHING_LIMITS;
let queue = new PQueue({ concurrency: limits.concurrency });

/** Sets the process's hashing limits (the app does it once at start from its config; tests tighten them). */
export function configureHashing(next: Partial<HashingLimits>): void {
  limits = { ...limits, ...next };
  queue = new PQueue({ concurrency: limits.concurrency });
}

/**
 * Runs one argon2 computation through the process's bounded priority queue (p-queue). The queue is what keeps one
 * person's burst (or a flood of logins) from taking every thread for a minute: past `maxQueued` waiting hashes the
 * request is refused in microseconds, and per-person serialization (auth.attempts) means one person holds at most
 * one place in it.
 */
function hashing<T>(purpose: HashPurpose, work: () => Promise<T>): Promise<T> {
  // Each purpose has its own bound: a queue full of payments still admits a login (and the login goes first).
  if (queue.sizeBy({ priority: PRIORITY[purpose] }) >= limits.maxQueued) {
    return Promise.reject(new AppError('unavailable', 'The server is busy checking passwords; try again in a moment'));
  }
  return queue.add(work, { priority: PRIORITY[purpose] }) as Promise<T>;
}

export function hashPassword(password: string, purpose: HashPurpose = 'session'): Promise<string> {
  return hashing(purpose, () => argon2.hash(password, ARGON2_OPTIONS));
}

let verifications = 0;

export function verifyPassword(hash: string, password: string, purpose: HashPurpose = 'session'): Promise<boolean> {
  return hashing(purpose, () => {
    verifications += 1;
    return argon2.verify(hash, password);
  });
}

/** What the hashing queue is doing (health and tests): verifications computed so far, running, waiting. */
export function hashingStats(): { verifications: number; active: number; queued: number } {
  return { verifications, active: queue.pending, queued: queue.size };
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
  await hashing('session', () => argon2.verify(hash, password));
}
