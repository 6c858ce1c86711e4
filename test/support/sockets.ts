import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '@app/shared';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects with an access token and resolves once the server said `session:ready`. */
export async function connectAs(
  url: string,
  token: string,
  options: { reconnection?: boolean; headers?: Record<string, string> } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, {
    auth: { token },
    transports: ['websocket'],
    // Node's websocket transport sends these on the handshake (Accept-Language picks the language of ack errors).
    ...(options.headers ? { extraHeaders: options.headers } : {}),
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits an event and resolves with its ack (any payload shape, to test malformed input too). */
export function emitAck<T = unknown>(
  socket: ClientSocket,
  event: string,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<Result<T>> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(event, payload) as Promise<Result<T>>;
}

/** Collects every `event` the socket receives. */
export function collect<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const got: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket as unknown as Socket).on(event as string, (data: Parameters<ServerToClientEvents[E]>[0]) => got.push(data));
  return got;
}

let rawAckId = 1_000_000;

/**
 * Emits `event` with a payload given as raw JSON text and resolves with its ack. The client's own emit walks the
 * payload recursively (looking for binary), so a payload nested 20,000 deep can only be sent this way: as the
 * socket.io packet text (`2<ack id>["event",payload]`) written straight to the engine.
 */
export function emitRawAck<T = unknown>(socket: ClientSocket, event: string, payloadJson: string): Promise<Result<T>> {
  const id = rawAckId++;
  const raw = socket as unknown as { acks: Record<number, (result: Result<T>) => void>; io: { engine: Engine } };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for raw ${event}`)), 10_000);
    raw.acks[id] = (result) => {
      clearTimeout(timer);
      resolve(result);
    };
    raw.io.engine.write(`2${id}[${JSON.stringify(event)},${payloadJson}]`);
  });
}

interface Engine {
  write(data: string): void;
}
