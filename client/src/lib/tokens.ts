import { CookieAuthResponseSchema, SESSION_HEADER, type CookieAuthResponse } from '@app/shared';
import { ApiError, httpJson } from './http';

/**
 * Token custody for the whole tab. The access token lives in memory only. The refresh token lives in an HttpOnly
 * cookie that no script can read and that the browser sends only to /api/auth/refresh and /api/auth/logout
 * (ADR 0008); a reload or a new tab gets its session by calling refresh with that cookie.
 *
 * Refresh tokens rotate and are single-use: presenting a spent one revokes the whole chain. Every tab shares the one
 * cookie, so every refresh (a) is single-flight inside the tab and (b) runs under a Web Lock shared by all tabs — the
 * next holder's request carries the cookie the previous holder's answer set. Each answer is posted to the other tabs
 * (BroadcastChannel): a tab that waited for the lock while another refreshed adopts that access token instead of
 * rotating the cookie again, and a logout in one tab ends the others.
 */

const LOCK_NAME = 'superapp-refresh';
const CHANNEL_NAME = 'superapp-session';
/** Refresh this long before the access token expires (or at 80 % of a shorter lifetime). */
const REFRESH_EARLY_MS = 60_000;
/** After a network failure, try the scheduled refresh again this much later. */
const RETRY_MS = 15_000;

export type TokenEvent = { type: 'session'; auth: CookieAuthResponse } | { type: 'lost'; error: ApiError | null };
type TabMessage = { type: 'session'; auth: CookieAuthResponse } | { type: 'lost' };

let accessToken: string | null = null;
let accessExpiresAt = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<string> | null = null;
const listeners = new Set<(event: TokenEvent) => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);

export function onTokenEvent(listener: (event: TokenEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: TokenEvent): void {
  for (const listener of listeners) listener(event);
}

/** The in-memory access token, or null when there is none. */
export function getAccessToken(): string | null {
  return accessToken;
}

/** Milliseconds the current access token stays valid by our own clock (0 when none). */
export function accessTokenValidForMs(): number {
  return accessToken ? Math.max(0, accessExpiresAt - Date.now()) : 0;
}

/** Adopts a fresh login/registration/refresh answer, plans the next refresh and shares it with the other tabs. */
export function startSession(auth: CookieAuthResponse): void {
  adopt(auth);
  // Only what a cookie-session answer holds goes out: the refresh token is never in JS to share.
  channel?.postMessage({ type: 'session', auth: CookieAuthResponseSchema.parse(auth) } satisfies TabMessage);
}

function adopt(auth: CookieAuthResponse): void {
  accessToken = auth.accessToken;
  accessExpiresAt = Date.now() + auth.expiresIn * 1000;
  const ttl = auth.expiresIn * 1000;
  scheduleRefresh(Math.max(ttl - REFRESH_EARLY_MS, ttl * 0.8));
  emit({ type: 'session', auth });
}

/** Forgets this tab's access token, tells the other tabs, and reports the session as lost. */
export function endSession(error: ApiError | null = null): void {
  forget();
  channel?.postMessage({ type: 'lost' } satisfies TabMessage);
  emit({ type: 'lost', error });
}

function forget(): void {
  clearTimeout(refreshTimer);
  accessToken = null;
  accessExpiresAt = 0;
}

function scheduleRefresh(delayMs: number): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshAccessToken().catch((err: unknown) => {
      if (err instanceof ApiError && err.code === 'network' && accessToken) scheduleRefresh(RETRY_MS);
    });
  }, delayMs);
}

/**
 * A fresh access token from the session cookie. Concurrent callers in this tab share one refresh; across tabs the
 * Web Lock serialises them. Rejects with an ApiError; when the server refuses the cookie (401) a session this tab
 * had is ended first.
 */
export function refreshAccessToken(): Promise<string> {
  inflight ??= refreshUnderLock().finally(() => {
    inflight = null;
  });
  return inflight;
}

async function refreshUnderLock(): Promise<string> {
  const startedWith = accessToken;
  return withLock(async () => {
    // Another tab refreshed while we waited and shared its answer: the cookie is already rotated, use that token.
    if (accessToken && accessToken !== startedWith && accessTokenValidForMs() > REFRESH_EARLY_MS) return accessToken;
    try {
      const auth = await httpJson('/api/auth/refresh', CookieAuthResponseSchema, {
        method: 'POST',
        body: {},
        headers: { [SESSION_HEADER.name]: SESSION_HEADER.value },
      });
      startSession(auth);
      return auth.accessToken;
    } catch (err) {
      if (err instanceof ApiError && err.isAuthError && accessToken) endSession(err);
      throw err;
    }
  });
}

function withLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  // Web Locks exist in every current browser on secure origins (and localhost); elsewhere we fall back to the
  // in-tab single flight alone.
  if (!locks) return task();
  return locks.request(LOCK_NAME, task) as Promise<T>;
}

/** Follow the other tabs: their refreshes and logins give this tab a token, their logouts end its session. */
function followOtherTabs(event: MessageEvent<TabMessage>): void {
  const message = event.data;
  if (message.type === 'session') {
    const parsed = CookieAuthResponseSchema.safeParse(message.auth);
    if (parsed.success) adopt(parsed.data);
    return;
  }
  if (accessToken) {
    forget();
    emit({ type: 'lost', error: null });
  }
}

if (channel) channel.onmessage = followOtherTabs;
