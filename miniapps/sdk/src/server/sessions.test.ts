import { describe, expect, it } from 'vitest';
import { createAppSessions, hashSessionToken, type SessionStore, type StoredSession } from './sessions';

function memoryStore() {
  const rows = new Map<string, StoredSession>();
  const store: SessionStore = {
    insert: async (s) => void rows.set(s.tokenHash, s),
    find: async (hash) => rows.get(hash),
    deleteExpired: async (now) => {
      let n = 0;
      for (const [k, s] of rows) if (s.expiresAt < now && rows.delete(k)) n++;
      return n;
    },
  };
  return { rows, store };
}

describe('createAppSessions', () => {
  it('answers a random token for a login code, keeps only its hash, and forgets it after the TTL', async () => {
    let now = 1_000_000;
    const { rows, store } = memoryStore();
    const codes: string[] = [];
    const openApi = { code2session: async (code: string) => (codes.push(code), { openId: 'o_person' }) };
    const sessions = createAppSessions({ openApi, store, ttlSeconds: 60, now: () => now });
    const a = await sessions.login('code-a');
    const b = await sessions.login('code-b');
    expect(codes).toEqual(['code-a', 'code-b']);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.expiresAt.getTime()).toBe(now + 60_000);
    expect([...rows.keys()]).toEqual([hashSessionToken(a.token), hashSessionToken(b.token)]);
    expect(JSON.stringify([...rows.values()])).not.toContain(a.token);

    expect(await sessions.lookup(a.token)).toEqual({ openId: 'o_person', expiresAt: a.expiresAt });
    expect(await sessions.lookup('')).toBeUndefined();
    expect(await sessions.lookup('x'.repeat(300))).toBeUndefined();
    now += 60_000;
    expect(await sessions.lookup(a.token)).toBeUndefined();
  });

  it('sweeps expired sessions at most once an hour, on a login', async () => {
    let now = 0;
    const { rows, store } = memoryStore();
    const openApi = { code2session: async () => ({ openId: 'o1' }) };
    const sessions = createAppSessions({ openApi, store, ttlSeconds: 60, now: () => now });
    await sessions.login('a');
    now += 30 * 60 * 1000;
    await sessions.login('b');
    expect(rows.size).toBe(2); // a expired, but the last sweep was less than an hour ago
    now += 30 * 60 * 1000;
    await sessions.login('c');
    expect(rows.size).toBe(1); // a and b swept, c kept
  });

  it('creates no session when the platform refuses the code', async () => {
    const { rows, store } = memoryStore();
    const openApi = {
      code2session: async () => {
        throw new Error('code_invalid');
      },
    };
    await expect(createAppSessions({ openApi, store }).login('used')).rejects.toThrow('code_invalid');
    expect(rows.size).toBe(0);
  });
});
