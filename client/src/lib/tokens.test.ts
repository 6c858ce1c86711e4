import type { Me } from '@app/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Fresh module state per test (tokens.ts keeps the tab's tokens in module scope). */
async function load() {
  vi.resetModules();
  const tokens = await import('./tokens');
  const { api } = await import('./api-client');
  return { ...tokens, api };
}

const user: Me = {
  id: '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
  username: 'alice',
  displayName: 'Alice',
  avatarUrl: null,
  locale: null,
  role: 'user',
  createdAt: '2025-01-01T00:00:00.000Z',
};

function authBody(n: number) {
  return { user, accessToken: `access-${n}`, refreshToken: `refresh-token-number-${n}`, expiresIn: 900 };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** An in-memory Web Locks stand-in: one holder at a time, FIFO (like navigator.locks for one name). */
function fakeLocks() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request(_name: string, task: () => Promise<unknown>) {
      const run = tail.then(task);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

let storage: Map<string, string>;
let locks: ReturnType<typeof fakeLocks>;
let fetchMock: ReturnType<typeof vi.fn>;
let issued: number;

beforeEach(() => {
  storage = new Map();
  locks = fakeLocks();
  issued = 1;
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  });
  vi.stubGlobal('navigator', { locks });
  fetchMock = vi.fn(async (path: string) => {
    if (path === '/api/auth/refresh') return json(200, authBody(++issued));
    return json(404, { error: { code: 'not_found', message: 'no' } });
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Another tab takes the refresh lock and stores `next` when released. */
function otherTabRotates(next: string, key: string): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  void locks.request('superapp-refresh', async () => {
    await gate;
    storage.set(key, next);
  });
  return release;
}

function refreshBodies(): unknown[] {
  return fetchMock.mock.calls
    .filter(([path]) => path === '/api/auth/refresh')
    .map(([, init]) => JSON.parse((init as RequestInit).body as string));
}

describe('refreshAccessToken', () => {
  it('shares one refresh between concurrent callers in a tab', async () => {
    const t = await load();
    storage.set(t.REFRESH_TOKEN_KEY, 'refresh-token-number-1');
    const results = await Promise.all([t.refreshAccessToken(), t.refreshAccessToken(), t.refreshAccessToken()]);
    expect(results).toEqual(['access-2', 'access-2', 'access-2']);
    expect(refreshBodies()).toEqual([{ refreshToken: 'refresh-token-number-1' }]);
    expect(storage.get(t.REFRESH_TOKEN_KEY)).toBe('refresh-token-number-2');
  });

  it('continues from the token another tab rotated while this tab waited for the lock', async () => {
    const t = await load();
    storage.set(t.REFRESH_TOKEN_KEY, 'refresh-token-number-1');
    // Another tab holds the lock and rotates the stored token.
    const release = otherTabRotates('refresh-token-number-7', t.REFRESH_TOKEN_KEY);
    const pending = t.refreshAccessToken();
    release();
    await expect(pending).resolves.toBe('access-2');
    // The spent token-1 is never presented (that would revoke the chain).
    expect(refreshBodies()).toEqual([{ refreshToken: 'refresh-token-number-7' }]);
  });

  it('does not refresh at all when another tab rotated and this tab still has a good access token', async () => {
    const t = await load();
    t.startSession(authBody(1));
    const release = otherTabRotates('refresh-token-number-9', t.REFRESH_TOKEN_KEY);
    const pending = t.refreshAccessToken();
    release();
    await expect(pending).resolves.toBe('access-1');
    expect(refreshBodies()).toEqual([]);
  });

  it('ends the session when the server refuses the refresh token', async () => {
    const t = await load();
    t.startSession(authBody(1));
    const events: string[] = [];
    t.onTokenEvent((e) => events.push(e.type));
    fetchMock.mockResolvedValueOnce(json(401, { error: { code: 'token_reused', message: 'reused' } }));
    await expect(t.refreshAccessToken()).rejects.toMatchObject({ code: 'token_reused' });
    expect(events).toEqual(['lost']);
    expect(storage.has(t.REFRESH_TOKEN_KEY)).toBe(false);
    expect(t.getAccessToken()).toBeNull();
  });

  it('keeps the session on a network failure', async () => {
    const t = await load();
    t.startSession(authBody(1));
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(t.refreshAccessToken()).rejects.toMatchObject({ code: 'network' });
    expect(storage.get(t.REFRESH_TOKEN_KEY)).toBe('refresh-token-number-1');
  });

  it('refreshes shortly before the access token expires', async () => {
    vi.useFakeTimers();
    const t = await load();
    t.startSession({ ...authBody(1), expiresIn: 900 });
    await vi.advanceTimersByTimeAsync(839_000);
    expect(refreshBodies()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(refreshBodies()).toEqual([{ refreshToken: 'refresh-token-number-1' }]);
    expect(t.getAccessToken()).toBe('access-2');
  });
});

describe('api', () => {
  it('refreshes once on token_expired and retries the request with the new token', async () => {
    const t = await load();
    t.startSession(authBody(1));
    const seen: (string | null)[] = [];
    fetchMock.mockImplementation(async (path: string, init: RequestInit) => {
      if (path === '/api/auth/refresh') return json(200, authBody(++issued));
      const auth = (init.headers as Record<string, string>).Authorization ?? null;
      seen.push(auth);
      if (auth === 'Bearer access-1') return json(401, { error: { code: 'token_expired', message: 'expired' } });
      return json(200, { ok: true });
    });
    await Promise.all([t.api('/api/x', null), t.api('/api/y', null)]);
    expect(refreshBodies()).toHaveLength(1);
    expect(seen.filter((s) => s === 'Bearer access-2')).toHaveLength(2);
  });
});
