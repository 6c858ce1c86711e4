import type { ClientToServerEvents, ServerToClientEvents } from '@app/shared';
import { io, type Socket } from 'socket.io-client';
import { ApiError } from './http';
import { createStore } from './store';
import { accessTokenValidForMs, getAccessToken, refreshAccessToken } from './tokens';
import { currentLocale } from './i18n';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** `idle` = logged out (no socket wanted); the banner shows `connecting` and `offline`. */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'offline';

export const connectionState = createStore<ConnectionState>('idle');

/** Handshake error codes that a fresh access token can cure. */
const AUTH_CODES = new Set(['token_expired', 'token_invalid', 'unauthenticated']);
/** Reuse the current access token for a reconnect only if it lives at least this long. */
const MIN_TOKEN_LIFE_MS = 5_000;

let socket: AppSocket | null = null;
let authFailures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

const connectListeners = new Set<(s: AppSocket) => void>();

/**
 * Runs `listener` on every (re)connect of the socket — and at once if it is connected now — so a feature can
 * (re)attach its event handlers and catch up on what it missed (chat `sync`). Returns the unsubscribe.
 */
export function onSocketConnect(listener: (s: AppSocket) => void): () => void {
  connectListeners.add(listener);
  if (socket?.connected) listener(socket);
  return () => connectListeners.delete(listener);
}

/** The realtime socket, once connectSocket() has run (features subscribe to their events on it). */
export function getSocket(): AppSocket | null {
  return socket;
}

/** Opens the socket (after login or session restore); a no-op when it is already open or opening. */
export function connectSocket(): void {
  socket ??= createSocket();
  if (socket.connected || socket.active) return;
  connectionState.set('connecting');
  socket.connect();
}

/** Closes the socket for good (logout). */
export function disconnectSocket(): void {
  clearTimeout(retryTimer);
  authFailures = 0;
  socket?.disconnect();
  connectionState.set('idle');
}

function createSocket(): AppSocket {
  // auth is a function so every reconnect handshakes with the newest access token.
  const s: AppSocket = io({
    autoConnect: false,
    transports: ['websocket'],
    // The locale words the server's refusals in acks (the browser's WebSocket cannot set Accept-Language).
    auth: (cb) => cb({ token: getAccessToken() ?? '', locale: currentLocale() }),
  });
  s.on('connect', () => {
    authFailures = 0;
    connectionState.set('connected');
    for (const listener of connectListeners) listener(s);
  });
  s.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    // The server closes a socket whose access token expired (after `session:expired`): come back with a new one.
    if (reason === 'io server disconnect') {
      void reconnectWithFreshToken();
      return;
    }
    // Transport loss: the manager reconnects by itself.
    connectionState.set(navigator.onLine ? 'connecting' : 'offline');
  });
  s.on('connect_error', (err) => {
    const code = (err as Error & { data?: { code?: unknown } }).data?.code;
    if (typeof code === 'string' && AUTH_CODES.has(code)) {
      void reconnectWithFreshToken();
      return;
    }
    connectionState.set('offline');
  });
  return s;
}

async function reconnectWithFreshToken(): Promise<void> {
  clearTimeout(retryTimer);
  const current = socket;
  if (!current || connectionState.get() === 'idle') return;
  connectionState.set('connecting');
  authFailures += 1;
  try {
    // The first retry may reuse a token that another path already refreshed; after that, always refresh.
    if (authFailures > 1 || accessTokenValidForMs() < MIN_TOKEN_LIFE_MS) await refreshAccessToken();
  } catch (err) {
    // A refused refresh ends the session; the session store then calls disconnectSocket().
    if (err instanceof ApiError && err.isAuthError) return;
    connectionState.set('offline');
    retryTimer = setTimeout(() => void reconnectWithFreshToken(), backoffMs());
    return;
  }
  if (socket !== current || connectionState.get() === 'idle') return;
  const reconnect = () => {
    if (socket === current && !current.active && connectionState.get() !== 'idle') current.connect();
  };
  if (authFailures > 2) retryTimer = setTimeout(reconnect, backoffMs());
  else reconnect();
}

function backoffMs(): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(authFailures, 5));
}

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => {
    if (connectionState.get() !== 'idle') connectionState.set('offline');
  });
  window.addEventListener('online', () => {
    if (connectionState.get() !== 'offline' || !socket) return;
    // The transport survived the outage (the browser only said it was offline): it is up, and features catch up.
    if (socket.connected) {
      connectionState.set('connected');
      for (const listener of connectListeners) listener(socket);
      return;
    }
    if (!socket.active) connectSocket();
  });
}
