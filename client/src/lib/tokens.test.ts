import type { Me } from '@app/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh module per call: one call is one browser tab (tokens.ts keeps the tab's tokens in module scope). */
async function openTab() {
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

/** What the server answers a cookie-session client: no refresh token in the JSON. */
function authBody(n: number) {
  return { user, accessToken: `access-${n}`, expiresIn: 900 };
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

/** BroadcastChannel between the tabs of one test (delivered at once; browsers deliver a task later). */
class FakeChannel {
  static open = new Set<FakeChannel>();
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly name: string) {
    FakeChannel.open.add(this);
  }
  postMessage(data: unknown): void {
    for (const other of FakeChannel.open)
      if (other !== this && other.name === this.name) other.onmessage?.({ data: structuredClone(data) });
  }
}

/** The server's side of the session cookie: the browser's jar holds one token; each refresh spends and replaces it. */
let cookie: number | null;
let spent: number[];
let locks: ReturnType<typeof fakeLocks>;
let fetchMock: ReturnType<typeof vi.fn>;
let storage: { getItem: ReturnType<typeof vi.fn>; setItem: ReturnType<typeof vi.fn> };

function serverRefresh(): Response {
  if (cookie === null) return json(401, { error: { code: 'unauthenticated', message: 'No session' } });
  if (spent.includes(cookie)) return json(401, { error: { code: 'token_reused', message: 'reused' } });
  spent.push(cookie);
  cookie += 1;
  return json(200, authBody(cookie));
}

beforeEach(() => {
  cookie = 1;
  spent = [];
  locks = fakeLocks();
  FakeChannel.open.clear();
  storage = { getItem: vi.fn(), setItem: vi.fn() };
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('sessionStorage', storage);
  vi.stubGlobal('navigator', { locks });
  vi.stubGlobal('BroadcastChannel', FakeChannel);
  fetchMock = vi.fn(async (path: string) => {
    if (path === '/api/auth/refresh') return serverRefresh();
    return json(404, { error: { code: 'not_found', message: 'no' } });
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  // The refresh token is the server's business alone: no tab ever keeps anything in web storage.
  expect(storage.getItem).not.toHaveBeenCalled();
  expect(storage.setItem).not.toHaveBeenCalled();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function refreshRequests(): RequestInit[] {
  return fetchMock.mock.calls.filter(([path]) => path === '/api/auth/refresh').map(([, init]) => init as RequestInit);
}

describe('refreshAccessToken', () => {
  it('asks for the session with the cookie and the X-Session header, never a token of its own', async () => {
    const tab = await openTab();
    const results = await Promise.all([tab.refreshAccessToken(), tab.refreshAccessToken(), tab.refreshAccessToken()]);
    expect(results).toEqual(['access-2', 'access-2', 'access-2']);
    const [request, ...more] = refreshRequests();
    expect(more).toEqual([]);
    expect(request?.headers).toMatchObject({ 'X-Session': 'cookie' });
    expect(JSON.parse(request?.body as string)).toEqual({});
  });

  it('lets two tabs refresh at once without spending the cookie twice, and shares the answer', async () => {
    const a = await openTab();
    const b = await openTab();
    const [tokenA, tokenB] = await Promise.all([a.refreshAccessToken(), b.refreshAccessToken()]);
    // Tab B waited for the lock while A refreshed; A's answer reached it, so B did not rotate the cookie again.
    expect(tokenA).toBe('access-2');
    expect(tokenB).toBe('access-2');
    expect(spent).toEqual([1]);
    expect(b.getAccessToken()).toBe('access-2');
  });

  it('spends each cookie once when tabs refresh one after another', async () => {
    const a = await openTab();
    const b = await openTab();
    await a.refreshAccessToken();
    b.endSession(); // B's token is gone (and so is A's): both must go back to the cookie.
    await a.refreshAccessToken();
    await b.refreshAccessToken();
    expect(spent).toEqual([1, 2, 3]);
    expect(new Set(spent).size).toBe(spent.length);
  });

  it('signs the other tabs in when one logs in, and out when one logs out', async () => {
    const a = await openTab();
    const b = await openTab();
    const seen: string[] = [];
    b.onTokenEvent((e) => seen.push(e.type));
    a.startSession(authBody(5));
    expect(b.getAccessToken()).toBe('access-5');
    a.endSession();
    expect(b.getAccessToken()).toBeNull();
    expect(seen).toEqual(['session', 'lost']);
  });

  it('ends the session (here and in the other tabs) when the server refuses the cookie', async () => {
    const a = await openTab();
    const b = await openTab();
    a.startSession(authBody(1));
    const events: string[] = [];
    a.onTokenEvent((e) => events.push(e.type));
    spent.push(1);
    await expect(a.refreshAccessToken()).rejects.toMatchObject({ code: 'token_reused' });
    expect(events).toEqual(['lost']);
    expect(a.getAccessToken()).toBeNull();
    expect(b.getAccessToken()).toBeNull();
  });

  it('rejects with unauthenticated and reports nothing when there is no cookie and no session', async () => {
    const tab = await openTab();
    const events: string[] = [];
    tab.onTokenEvent((e) => events.push(e.type));
    cookie = null;
    await expect(tab.refreshAccessToken()).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(events).toEqual([]);
  });

  it('keeps the session on a network failure', async () => {
    const tab = await openTab();
    tab.startSession(authBody(1));
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(tab.refreshAccessToken()).rejects.toMatchObject({ code: 'network' });
    expect(tab.getAccessToken()).toBe('access-1');
  });

  it('refreshes shortly before the access token expires', async () => {
    vi.useFakeTimers();
    const tab = await openTab();
    tab.startSession({ ...authBody(1), expiresIn: 900 });
    await vi.advanceTimersByTimeAsync(839_000);
    expect(refreshRequests()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(refreshRequests()).toHaveLength(1);
    expect(tab.getAccessToken()).toBe('access-2');
  });
});

describe('api', () => {
  it('refreshes once on token_expired and retries the request with the new token', async () => {
    const tab = await openTab();
    tab.startSession(authBody(1));
    const seen: (string | null)[] = [];
    fetchMock.mockImplementation(async (path: string, init: RequestInit) => {
      if (path === '/api/auth/refresh') return serverRefresh();
      const auth = (init.headers as Record<string, string>).Authorization ?? null;
      seen.push(auth);
      if (auth === 'Bearer access-1') return json(401, { error: { code: 'token_expired', message: 'expired' } });
      return json(200, { ok: true });
    });
    await Promise.all([tab.api('/api/x', null), tab.api('/api/y', null)]);
    expect(refreshRequests()).toHaveLength(1);
    expect(seen.filter((s) => s === 'Bearer access-2')).toHaveLength(2);
  });

  it('gets a session from the cookie first when the tab has no access token yet (a reload)', async () => {
    const tab = await openTab();
    const seen: (string | undefined)[] = [];
    fetchMock.mockImplementation(async (path: string, init: RequestInit) => {
      if (path === '/api/auth/refresh') return serverRefresh();
      seen.push((init.headers as Record<string, string>).Authorization);
      return json(200, {});
    });
    await tab.api('/api/me', null);
    expect(seen).toEqual(['Bearer access-2']);
  });
});
