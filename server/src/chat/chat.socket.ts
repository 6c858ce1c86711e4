import {
  PresenceQuerySchema,
  ReadSchema,
  RecallSchema,
  SendMessageSchema,
  SyncSchema,
  TypingSchema,
  userRoom,
} from '@app/shared';
import { friendIdsAmong, friendIdsOf } from '../friends/friends.repo';
import { AppError } from '../platform/errors';
import type { AppServer, AppSocket } from '../platform/io';
import { socketLocale } from '../platform/locale';
import type { Logger } from '../platform/logger';
import { tryConsume, type LimiterFactory } from '../platform/rate-limit';
import { handle } from '../platform/socket-handler';
import type { Db } from '../schema';
import type { ChatService } from './chat.service';

export interface ChatSocketDeps {
  io: AppServer;
  db: Db;
  chat: ChatService;
  logger: Logger;
  limiter: LimiterFactory;
  sendsPer10s: number;
}

/** Chat events on every authenticated socket, and presence (online when the first device connects). */
export function attachChatSocket({ io, db, chat, logger, limiter, sendsPer10s }: ChatSocketDeps): void {
  const sends = limiter({ keyPrefix: 'send', points: sendsPer10s, durationSeconds: 10 });

  io.on('connection', (socket: AppSocket) => {
    const userId = socket.data.userId;
    // Ack errors are worded in the language the socket's handshake asked for.
    const ctx = { logger, locale: socketLocale(socket.handshake) };
    socket.on(
      'message:send',
      handle(
        SendMessageSchema,
        async (input) => {
          if (!(await tryConsume(sends, userId)))
            throw new AppError('rate_limited', 'You are sending too fast; slow down');
          return { message: await chat.send(userId, input, socket.id) };
        },
        ctx,
      ),
    );
    socket.on(
      'sync',
      handle(SyncSchema, (input) => chat.sync(userId, input.cursors), ctx),
    );
    socket.on(
      'message:read',
      handle(ReadSchema, (input) => chat.read(userId, input.conversationId, input.seq), ctx),
    );
    socket.on(
      'message:recall',
      handle(RecallSchema, async (input) => ({ message: await chat.recall(userId, input.messageId) }), ctx),
    );
    socket.on(
      'typing',
      handle(TypingSchema, (input) => chat.typing(userId, input.conversationId), ctx),
    );
    socket.on(
      'presence:query',
      handle(
        PresenceQuerySchema,
        async (input) => {
          // Only friends' presence is visible.
          const friends = [...(await friendIdsAmong(db, userId, input.userIds))];
          const online = await Promise.all(
            friends.map(async (id) => ((await io.in(userRoom(id)).fetchSockets()).length ? id : null)),
          );
          return { online: online.filter((id): id is string => id !== null) };
        },
        ctx,
      ),
    );

    void announcePresence(io, db, userId, true);
    socket.on('disconnect', () => void announcePresence(io, db, userId, false));
  });
}

/** Tells friends when the user's first device comes online or the last one goes away. */
async function announcePresence(io: AppServer, db: Db, userId: string, connecting: boolean): Promise<void> {
  try {
    const devices = (await io.in(userRoom(userId)).fetchSockets()).length;
    if (connecting ? devices !== 1 : devices !== 0) return;
    const friends = await friendIdsOf(db, userId);
    if (friends.length) io.to(friends.map(userRoom)).emit('presence', { userId, online: connecting });
  } catch {
    // Presence is best-effort: a lost update is corrected by the next presence:query.
  }
}
