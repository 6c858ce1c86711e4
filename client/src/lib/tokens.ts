import { AuthResponseSchema, type AuthResponse } from '@app/shared';
import { ApiError, httpJson } from './http';

/**
 * Token custody for the whole tab. The access token lives in memory only; the refresh token lives in localStorage
 * so a reload (or another tab) can restore the session.
 *
 * Refresh tokens rotate and are single-use: presenting a spent one revokes the whole chain. So every refresh
 * (a) is single-flight inside the tab and (b) runs under a Web Lock shared by all tabs, re-reading the stored token
 * inside the lock — if another tab rotated it meanwhile, we continue from the token it stored.
 */

export const REFRESH_TOKEN_KEY = 'superapp.refreshToken';
const LOCK_NAME = 'superapp-refresh';
/** Refresh this long before the access token expires (or at 80 % of a shorter lifetime). */
const REFRESH_EARLY_MS = 60_000;
/** After a network failure, try the scheduled refresh again this much later. */
const RETRY_MS = 15_000;

export type TokenEvent = { type: 'session'; auth: AuthResponse } | { type: 'lost'; error: ApiError | null };

let accessToken: string | null = null;
let accessExpiresAt = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<string> | null = null;
const listeners = new Set<(event: TokenEvent) => void>();

export function onTokenEvent(listener: (event: TokenEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: TokenEvent): void {
  for (const listener of listeners) listener(event);
}

export function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeRefreshToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(REFRESH_TOKEN_KEY);
    else localStorage.setItem(REFRESH_TOKEN_KEY, token);
  } catch {
    // Storage disabled (private mode): the session simply won't survive a reload.
  }
}

/** The in-memory access token, or null when there is none. */
export function getAccessToken(): string | null {
  return accessToken;
}

/** Milliseconds the current access token stays valid by our own clock (0 when none). */
export function accessTokenValidForMs(): number {
  return accessToken ? Math.max(0, accessExpiresAt - Date.now()) : 0;
}

/** Adopts a fresh login/registration/refresh answer: stores both tokens and plans the next refresh. */
export function startSession(auth: AuthResponse): void {
  writeRefreshToken(auth.refreshToken);
  accessToken = auth.accessToken;
  accessExpiresAt = Date.now() + auth.expiresIn * 1000;
  const ttl = auth.expiresIn * 1000;
  scheduleRefresh(Math.max(ttl - REFRESH_EARLY_MS, ttl * 0.8));
  emit({ type: 'session', auth });
}

/** Forgets every token of this tab (and the stored refresh token) and reports the session as lost. */
export function endSession(error: ApiError | null = null): void {
  clearTimeout(refreshTimer);
  accessToken = null;
  accessExpiresAt = 0;
  writeRefreshToken(null);
  emit({ type: 'lost', error });
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
 * A fresh access token. Concurrent callers in this tab share one refresh; across tabs the Web Lock serialises
 * them. Rejects with an ApiError; when the server refuses the refresh token (401) the session is ended first.
 */
export function refreshAccessToken(): Promise<string> {
  inflight ??= refreshUnderLock().finally(() => {
    inflight = null;
  });
  return inflight;
}

async function refreshUnderLock(): Promise<string> {
  const startedWith = readRefreshToken();
  return withLock(async () => {
    const current = readRefreshToken();
    if (!current) {
      const error = new ApiError('unauthenticated', 'Logged out', 401);
      if (accessToken) endSession(error);
      throw error;
    }
    // Another tab rotated the token while we waited: ours is spent. Only call the server if we still need a token.
    if (current !== startedWith && accessTokenValidForMs() > REFRESH_EARLY_MS && accessToken) {
      scheduleRefresh(accessTokenValidForMs() - REFRESH_EARLY_MS);
      return accessToken;
    }
    try {
      const auth = await httpJson('/api/auth/refresh', AuthResponseSchema, {
        method: 'POST',
        body: { refreshToken: current },
      });
      startSession(auth);
      return auth.accessToken;
    } catch (err) {
      if (err instanceof ApiError && err.isAuthError) endSession(err);
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

/** Another tab logged out (removed the refresh token): follow it. */
function followOtherTabs(event: StorageEvent): void {
  if (event.storageArea !== localStorage) return;
  if ((event.key === REFRESH_TOKEN_KEY || event.key === null) && event.newValue === null && accessToken) {
    clearTimeout(refreshTimer);
    accessToken = null;
    emit({ type: 'lost', error: null });
  }
}

if (typeof window !== 'undefined') window.addEventListener('storage', followOtherTabs);
