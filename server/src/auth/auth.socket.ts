import { userRoom } from '@app/shared';
import { AppError, toErrorBody } from '../platform/errors';
import type { AppServer, AppSocket } from '../platform/io';
import type { AccessTokens } from './auth.tokens';

/** Longest a timer may wait in Node (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Authenticates every connection — and so every reconnect, which is a new handshake — with the access token in
 * `handshake.auth.token`. A rejected handshake reaches the client as `connect_error` whose `data` is the error body.
 * A socket lives no longer than its token: at expiry the server says `session:expired` and disconnects, and the
 * client reconnects with a fresh token.
 */
export function attachSocketAuth(io: AppServer, tokens: AccessTokens): void {
  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    try {
      if (typeof token !== 'string' || !token) throw new AppError('unauthenticated', 'Missing access token');
      const claims = tokens.verify(token);
      socket.data.userId = claims.userId;
      socket.data.role = claims.role;
      socket.data.expiresAt = claims.exp * 1000;
      next();
    } catch (err) {
      const body = toErrorBody(err);
      next(Object.assign(new Error(body.code), { data: body }));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.userId));
    socket.emit('session:ready', { userId: socket.data.userId, serverTime: new Date().toISOString() });
    scheduleExpiry(socket);
  });
}

function scheduleExpiry(socket: AppSocket): void {
  const ms = Math.min(MAX_TIMER_MS, Math.max(0, socket.data.expiresAt - Date.now()));
  const timer = setTimeout(() => {
    socket.emit('session:expired', { code: 'token_expired', message: 'Access token has expired' });
    socket.disconnect(true);
  }, ms);
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
