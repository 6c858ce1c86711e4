import type {
  Conversation,
  Message,
  PresenceQuery,
  Read,
  Recall,
  SendMessage,
  Sync,
  Typing,
} from '../chat/chat.schemas';
import type { ErrorBody, Result } from '../errors';
import type { Friend, FriendRequest } from '../friends/friends.schemas';
import type { RedPacket } from '../redpackets/redpackets.schemas';
import type { Transfer } from '../transfers/transfers.schemas';

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
  'message:new': (data: { message: Message }) => void;
  'message:recalled': (data: { message: Message }) => void;
  /** Someone read a conversation up to `seq`. */
  'message:read': (data: { conversationId: string; userId: string; seq: number }) => void;
  typing: (data: { conversationId: string; userId: string }) => void;
  'friend:request': (data: { request: FriendRequest }) => void;
  'friend:accepted': (data: { friend: Friend }) => void;
  'friend:removed': (data: { userId: string }) => void;
  /** A conversation was created, renamed, or its members changed; refetch or patch the list. */
  'conversation:updated': (data: { conversation: Conversation }) => void;
  /** The user's balance changed. */
  'wallet:updated': (data: { balanceFen: number }) => void;
  /** A transfer was accepted, declined or returned: both people's bubbles update. */
  'transfer:updated': (data: { transfer: Transfer }) => void;
  /** Someone opened a red packet (sent to the sender and the claimer). */
  'redpacket:claimed': (data: { packet: RedPacket; userId: string; amountFen: number }) => void;
  /** The user is no longer a member (removed, or left on another device). */
  'conversation:removed': (data: { conversationId: string }) => void;
}

/** Client → server events; each payload is validated with a shared schema on the server and answered by the ack. */
export interface ClientToServerEvents {
  'message:send': (payload: SendMessage, ack: Ack<{ message: Message }>) => void;
  sync: (payload: Sync, ack: Ack<{ messages: Message[]; more: boolean }>) => void;
  'message:read': (payload: Read, ack: Ack<{ seq: number }>) => void;
  'message:recall': (payload: Recall, ack: Ack<{ message: Message }>) => void;
  typing: (payload: Typing, ack?: Ack<null>) => void;
  /** Ask which of these users are online now. */
  'presence:query': (payload: PresenceQuery, ack: Ack<{ online: string[] }>) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  userId: string;
  role: string;
}

/** Per-user room: every device of the user joins it. */
export function userRoom(userId: string): `user:${string}` {
  return `user:${userId}`;
}
