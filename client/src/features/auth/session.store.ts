import type { CookieAuthResponse, Login, Me, Register } from '@app/shared';
import { ApiError } from '../../lib/http';
import { applyLocale } from '../../lib/i18n';
import { connectSocket, disconnectSocket } from '../../lib/socket';
import { createStore, useStore } from '../../lib/store';
import { endSession, onTokenEvent, refreshAccessToken, startSession } from '../../lib/tokens';
import { loginRequest, logoutRequest, registerRequest } from './auth.api';

export type Session =
  /** The session cookie (if any) is being exchanged; `failed` when the server could not be reached. */
  | { status: 'restoring'; failed: boolean }
  /** Why nobody is signed in: never was (`start`), logged out here or in another tab, or the server ended it. */
  | { status: 'anonymous'; reason: 'start' | 'logout' | 'lost' }
  | { status: 'authenticated'; user: Me };

// Only the server can tell whether the HttpOnly session cookie is there, so every page load starts by asking.
export const sessionStore = createStore<Session>({ status: 'restoring', failed: false });

export function useSession(): Session {
  return useStore(sessionStore);
}

/** The signed-in user; only call below a route that requires authentication. */
export function useMe(): Me {
  const session = useSession();
  if (session.status !== 'authenticated') throw new Error('useMe() outside an authenticated route');
  return session.user;
}

// Every token answer (login, register, refresh in this tab or another) carries the current user.
onTokenEvent((event) => {
  if (event.type === 'session') {
    const before = sessionStore.get();
    sessionStore.set({ status: 'authenticated', user: event.auth.user });
    // Another tab may have signed in as someone else: this tab's socket must not stay on the old account.
    const switched = before.status === 'authenticated' && before.user.id !== event.auth.user.id;
    if (switched) disconnectSocket();
    if (before.status !== 'authenticated' || switched) connectSocket();
    return;
  }
  disconnectSocket();
  sessionStore.set({ status: 'anonymous', reason: event.error ? 'lost' : 'logout' });
});

/** A server-side language preference follows the user to every device they log in on. */
function adoptServerLocale(user: Me): void {
  if (user.locale) void applyLocale(user.locale, { remember: true });
}

/** On app load: trade the session cookie for a session (the user stays logged in across reloads and tabs). */
export async function restoreSession(): Promise<void> {
  sessionStore.set({ status: 'restoring', failed: false });
  try {
    await refreshAccessToken();
    const session = sessionStore.get();
    if (session.status === 'authenticated') adoptServerLocale(session.user);
  } catch (err) {
    // Another tab may have signed this one in while the request was out.
    if (sessionStore.get().status === 'authenticated') return;
    if (!(err instanceof ApiError && err.isAuthError)) {
      sessionStore.set({ status: 'restoring', failed: true });
      return;
    }
    // No cookie: nobody signed in here. A refused one: the session ended elsewhere (expired, revoked, reused).
    sessionStore.set({ status: 'anonymous', reason: err.code === 'unauthenticated' ? 'start' : 'lost' });
  }
}

function begin(auth: CookieAuthResponse): void {
  startSession(auth);
  adoptServerLocale(auth.user);
}

export async function login(body: Login): Promise<void> {
  begin(await loginRequest(body));
}

export async function register(body: Register): Promise<void> {
  begin(await registerRequest(body));
}

/** Logs out on the server (best effort: an unreachable server must not keep anyone logged in here). */
export async function logout(): Promise<void> {
  await logoutRequest().catch(() => undefined);
  endSession();
}

/** Replaces the signed-in user after a profile change. */
export function setMe(user: Me): void {
  if (sessionStore.get().status === 'authenticated') sessionStore.set({ status: 'authenticated', user });
}
