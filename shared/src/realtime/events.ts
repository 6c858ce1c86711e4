import type { ErrorBody, Result } from '../errors';

/** The acknowledgement every client → server event receives. */
export type Ack<T> = (result: Result<T>) => void;

export interface PresenceEvent {
  userId: string;
  online: boolean;
}

/** Server → client events. Later features add theirs here so both ends stay typed. */
export interface ServerToClientEvents {
  /** Sent once after the connection is authenticated. */
  'session:ready': (data: { userId: string; serverTime: string }) => void;
  /** Sent right before the server closes a socket whose access token has expired. */
  'session:expired': (data: ErrorBody) => void;
  presence: (data: PresenceEvent) => void;
}

/**
 * Client → server events; each takes a payload (validated with a shared schema on the server) and an ack.
 * The chat feature adds `message:send`, `sync`, `message:read`, `message:recall` and `typing`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the features that add events
export interface ClientToServerEvents {}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  userId: string;
  role: string;
}

/** Per-user room: every device of the user joins it. */
export function userRoom(userId: string): `user:${string}` {
  return `user:${userId}`;
}
