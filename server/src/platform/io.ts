import type { Server as HttpServer } from 'node:http';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@app/shared';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server, type Socket } from 'socket.io';
import type { RedisClient } from './redis';

/** Server-side socket data: the shared fields plus when the socket's access token expires (ms). */
export interface ServerSocketData extends SocketData {
  expiresAt: number;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ServerSocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ServerSocketData>;

/**
 * Largest socket frame accepted; bigger frames close the connection before any handler runs. Set well above every
 * schema's limits so that an oversized-but-parsable payload gets a clear `validation_failed` ack instead.
 */
export const MAX_SOCKET_PAYLOAD_BYTES = 1024 * 1024;

/** socket.io on the HTTP server, same origin only; the Redis streams adapter when several nodes share rooms. */
export function createIo(httpServer: HttpServer, redis: RedisClient | undefined): AppServer {
  return new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    pingInterval: 25_000,
    pingTimeout: 20_000,
    ...(redis ? { adapter: createAdapter(redis) } : {}),
  });
}
