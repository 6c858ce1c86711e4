import argon2 from 'argon2';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ARGON2_OPTIONS,
  DEFAULT_HASHING_LIMITS,
  configureHashing,
  hashPassword,
  hashingStats,
  needsRehash,
  verifyPassword,
} from './auth.passwords';

afterEach(() => configureHashing(DEFAULT_HASHING_LIMITS));

describe('password and PIN hashing', () => {
  it('uses argon2id at the OWASP setting and asks for a re-hash of older hashes', async () => {
    const hash = await hashPassword('135790', 'payment');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(needsRehash(hash)).toBe(false);
    const old = await argon2.hash('135790', { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3 });
    expect(needsRehash(old)).toBe(true);
    expect(await verifyPassword(old, '135790', 'payment')).toBe(true);
    expect(ARGON2_OPTIONS.memoryCost).toBe(19_456);
  });

  it('refuses at once when the queue is full, and lets a login ahead of waiting payments', async () => {
    const hash = await hashPassword('135790');
    configureHashing({ concurrency: 1, maxQueued: 3 });
    const finished: string[] = [];
    const track = (label: string, p: Promise<boolean>) =>
      p.then(
        (ok) => {
          finished.push(label);
          return ok;
        },
        (err: { code?: string }) => err.code ?? 'error',
      );

    // One runs, three wait, the rest are refused without waiting.
    const payments = Array.from({ length: 6 }, (_, i) => track(`pay${i}`, verifyPassword(hash, '135790', 'payment')));
    expect(hashingStats()).toMatchObject({ active: 1, queued: 3 });
    const login = track('login', verifyPassword(hash, '135790', 'session'));
    const results = await Promise.all([...payments, login]);

    expect(results.slice(4, 6)).toEqual(['unavailable', 'unavailable']);
    expect(results.slice(0, 4)).toEqual([true, true, true, true]);
    expect(await login).toBe(true);
    // The login came after four payments but was second to finish: only the running hash was ahead of it.
    expect(finished.slice(0, 2)).toEqual(['pay0', 'login']);
  });
});
