import type { Message } from '@app/shared';

/** `pending` until the server acks the send, `failed` when it refused (tap to retry with the same clientMsgId). */
export type ItemStatus = 'pending' | 'sent' | 'failed';

/** One row of a conversation: a stored message, or one of ours the server has not acknowledged yet (seq 0). */
export interface ChatItem {
  message: Message;
  status: ItemStatus;
}

/** What the client holds of one conversation. */
export interface Thread {
  /** Stored messages by ascending seq, then local unacknowledged ones in the order they were written. */
  items: ChatItem[];
  /** `sync` asks for everything after this seq: every seq up to it is either held or deliberately skipped. */
  cursor: number;
  /** The newest page came from REST (the conversation was opened at least once). */
  loaded: boolean;
  /** Older history exists on the server (scroll back loads it). */
  hasOlder: boolean;
}

export function emptyThread(cursor = 0): Thread {
  return { items: [], cursor, loaded: false, hasOlder: true };
}

function isRecallLine(message: Message): string | null {
  if (message.kind !== 'system' || message.body.event !== 'message_recalled') return null;
  return typeof message.body.messageId === 'string' ? message.body.messageId : null;
}

/** A recall, once seen, sticks: a stale copy of the message never brings the content back. */
function newer(current: Message, incoming: Message): Message {
  if (current.recalledAt && !incoming.recalledAt) return current;
  return incoming;
}

/**
 * Merges messages from any source (ack, push, sync, history) into a thread. Never shows a message twice: an item is
 * the same message when the id matches or, for our own unacknowledged sends, when the clientMsgId matches.
 * A `message_recalled` system line recalls the original it points to.
 */
export function mergeMessages(thread: Thread, incoming: readonly Message[]): Thread {
  if (!incoming.length) return thread;
  const stored = new Map<string, ChatItem>();
  const local: ChatItem[] = [];
  for (const item of thread.items) {
    if (item.status === 'sent') stored.set(item.message.id, item);
    else local.push(item);
  }
  const recalls = new Map<string, string>();
  for (const message of incoming) {
    const existing = stored.get(message.id);
    stored.set(message.id, { message: existing ? newer(existing.message, message) : message, status: 'sent' });
    const target = isRecallLine(message);
    if (target) recalls.set(target, message.createdAt);
  }
  for (const [id, at] of recalls) {
    const item = stored.get(id);
    if (item && !item.message.recalledAt) {
      stored.set(id, { ...item, message: { ...item.message, body: {}, recalledAt: at } });
    }
  }
  const ackedClientIds = new Set(
    [...stored.values()].map((item) => item.message.clientMsgId).filter((id): id is string => id !== null),
  );
  const items = [...stored.values()].sort((a, b) => a.message.seq - b.message.seq);
  for (const item of local) if (!ackedClientIds.has(item.message.clientMsgId ?? '')) items.push(item);
  return { ...thread, items, cursor: advanceCursor(thread.cursor, items) };
}

/** The cursor moves over held seqs without a gap; a gap stays open until `sync` or history fills it. */
export function advanceCursor(cursor: number, items: readonly ChatItem[]): number {
  const seqs = new Set(items.map((item) => item.message.seq));
  let next = cursor;
  while (seqs.has(next + 1)) next += 1;
  return next;
}

/** True when the thread holds a seq above its cursor, i.e. something in between was missed. */
export function hasGap(thread: Thread): boolean {
  return thread.items.some((item) => item.status === 'sent' && item.message.seq > thread.cursor);
}

/** Adds a local, unacknowledged message (or replaces the one with the same clientMsgId). */
export function upsertLocal(thread: Thread, message: Message, status: ItemStatus): Thread {
  const sent = thread.items.some((item) => item.status === 'sent' && item.message.clientMsgId === message.clientMsgId);
  if (sent) return thread;
  const index = thread.items.findIndex((item) => item.status !== 'sent' && item.message.id === message.id);
  const items = [...thread.items];
  if (index === -1) items.push({ message, status });
  else items[index] = { message, status };
  return { ...thread, items };
}

/** Applies a recall pushed by the server (the body is gone). */
export function applyRecall(thread: Thread, recalled: Message): Thread {
  const index = thread.items.findIndex((item) => item.message.id === recalled.id);
  if (index === -1) return thread;
  const items = [...thread.items];
  items[index] = { message: recalled, status: 'sent' };
  return { ...thread, items };
}

/** The ids of messages whose recall is already shown in place (their system lines are hidden). */
export function recalledInPlace(items: readonly ChatItem[]): Set<string> {
  const ids = new Set<string>();
  for (const item of items) if (item.message.recalledAt) ids.add(item.message.id);
  return ids;
}

/** The newest stored seq in the thread (0 when empty). */
export function newestSeq(thread: Thread): number {
  let max = 0;
  for (const item of thread.items) if (item.status === 'sent') max = Math.max(max, item.message.seq);
  return max;
}

/** The oldest stored seq in the thread, or null when nothing is stored yet. */
export function oldestSeq(thread: Thread): number | null {
  for (const item of thread.items) if (item.status === 'sent') return item.message.seq;
  return null;
}

/** The next cursors for `sync` after a page: each conversation advances to the highest seq the page carried. */
export function advanceCursors(cursors: Record<string, number>, page: readonly Message[]): Record<string, number> {
  const next = { ...cursors };
  for (const message of page) next[message.conversationId] = Math.max(next[message.conversationId] ?? 0, message.seq);
  return next;
}
