import type { Conversation, Member, Message, PublicUser } from '@app/shared';
import { createStore, useStore } from '../../lib/store';
import {
  applyRecall,
  emptyThread,
  mergeMessages,
  newestSeq,
  upsertLocal,
  type ItemStatus,
  type Thread,
} from './chat.merge';

/** Everything the chat UI shows; memory only (a reload starts from the server again). */
export interface ChatState {
  /** The signed-in user's id (null when signed out). */
  me: string | null;
  /** GET /api/conversations has answered at least once. */
  listLoaded: boolean;
  conversations: Record<string, Conversation>;
  threads: Record<string, Thread>;
  /** Members per conversation, once its detail was fetched. */
  members: Record<string, Member[]>;
  /** Conversations the user left or was removed from: still readable, no longer writable. */
  left: Record<string, true>;
  /** Everyone we know a name for (peers, friends, group members). */
  users: Record<string, PublicUser>;
  /** Who is typing where, until when (epoch ms). */
  typing: Record<string, { userId: string; until: number }>;
  online: Record<string, boolean>;
  /** The conversation on screen (its messages count as read while the page is visible). */
  activeId: string | null;
}

const initial: ChatState = {
  me: null,
  listLoaded: false,
  conversations: {},
  threads: {},
  members: {},
  left: {},
  users: {},
  typing: {},
  online: {},
  activeId: null,
};

export const chatStore = createStore<ChatState>(initial);

export function useChat(): ChatState {
  return useStore(chatStore);
}

function update(fn: (state: ChatState) => ChatState): void {
  chatStore.set(fn(chatStore.get()));
}

export function resetChat(me: string | null): void {
  chatStore.set({ ...initial, me });
}

export function rememberUsers(users: readonly PublicUser[]): void {
  if (!users.length) return;
  update((s) => {
    const next = { ...s.users };
    for (const user of users) next[user.id] = user;
    return { ...s, users: next };
  });
}

/** Replaces the conversation list; new conversations start syncing from their newest seq (older is REST history). */
export function setConversations(list: readonly Conversation[]): void {
  update((s) => {
    const conversations: Record<string, Conversation> = {};
    const threads = { ...s.threads };
    for (const c of list) {
      conversations[c.id] = c;
      threads[c.id] ??= emptyThread(c.lastSeq);
    }
    return { ...s, listLoaded: true, conversations, threads };
  });
  rememberUsers(list.flatMap((c) => (c.peer ? [c.peer] : [])));
}

export function upsertConversation(c: Conversation): void {
  update((s) => {
    const left = { ...s.left };
    delete left[c.id];
    return {
      ...s,
      left,
      conversations: { ...s.conversations, [c.id]: c },
      threads: s.threads[c.id] ? s.threads : { ...s.threads, [c.id]: emptyThread(c.lastSeq) },
    };
  });
  if (c.peer) rememberUsers([c.peer]);
}

export function setMembers(conversationId: string, members: Member[]): void {
  update((s) => ({ ...s, members: { ...s.members, [conversationId]: members } }));
  rememberUsers(members.map((m) => m.user));
}

export function markLeft(conversationId: string): void {
  update((s) => ({ ...s, left: { ...s.left, [conversationId]: true } }));
}

function mentionsMe(message: Message, me: string | null): boolean {
  const mentions = message.body.mentions;
  return !!me && Array.isArray(mentions) && mentions.includes(me);
}

/**
 * The list row after a message arrived: counts only what is newer than the row already knew. lastReadSeq only moves
 * when the server confirms a read (reportRead), so an open conversation still reports what it showed.
 */
function summarize(c: Conversation, message: Message, me: string | null, reading: boolean): Conversation {
  if (message.seq <= c.lastSeq) return c;
  // Same rule as the server: system lines are never unread.
  const fromOther = message.senderId !== me && message.kind !== 'system';
  const unread = fromOther && !reading;
  return {
    ...c,
    lastSeq: message.seq,
    lastMessage: message,
    updatedAt: message.createdAt > c.updatedAt ? message.createdAt : c.updatedAt,
    unreadCount: unread ? c.unreadCount + 1 : reading ? 0 : c.unreadCount,
    mentionCount: unread && mentionsMe(message, me) ? c.mentionCount + 1 : reading ? 0 : c.mentionCount,
  };
}

export function isReading(state: ChatState, conversationId: string): boolean {
  return state.activeId === conversationId && typeof document !== 'undefined' && document.visibilityState === 'visible';
}

/** Stores messages from any source; returns the ids of conversations this client did not know yet. */
export function receiveMessages(messages: readonly Message[]): string[] {
  const unknown: string[] = [];
  if (!messages.length) return unknown;
  update((s) => {
    const byConversation = new Map<string, Message[]>();
    for (const m of messages)
      byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
    const threads = { ...s.threads };
    const conversations = { ...s.conversations };
    const typing = { ...s.typing };
    for (const [id, list] of byConversation) {
      threads[id] = mergeMessages(threads[id] ?? emptyThread(0), list);
      const c = conversations[id];
      if (!c) {
        unknown.push(id);
        continue;
      }
      let next = c;
      for (const m of list) next = summarize(next, m, s.me, isReading(s, id));
      conversations[id] = next;
      if (list.some((m) => m.senderId && typing[id]?.userId === m.senderId)) delete typing[id];
    }
    return { ...s, threads, conversations, typing };
  });
  return unknown;
}

export function recallReceived(message: Message): void {
  update((s) => {
    const thread = s.threads[message.conversationId];
    const c = s.conversations[message.conversationId];
    return {
      ...s,
      threads: thread ? { ...s.threads, [message.conversationId]: applyRecall(thread, message) } : s.threads,
      conversations:
        c && c.lastMessage?.id === message.id
          ? { ...s.conversations, [c.id]: { ...c, lastMessage: message } }
          : s.conversations,
    };
  });
}

export function setLocal(message: Message, status: ItemStatus): void {
  update((s) => {
    const thread = s.threads[message.conversationId] ?? emptyThread(0);
    return { ...s, threads: { ...s.threads, [message.conversationId]: upsertLocal(thread, message, status) } };
  });
}

/**
 * The server vouches that nothing between the cursor and `seq` is missing (a sync page, the newest history page):
 * move the cursor there even when some seqs are not readable to us (before we joined).
 */
export function raiseCursor(conversationId: string, seq: number): void {
  const thread = chatStore.get().threads[conversationId];
  if (thread && seq > thread.cursor) patchThread(conversationId, { cursor: seq });
}

export function patchThread(conversationId: string, patch: Partial<Thread>): void {
  update((s) => {
    const thread = s.threads[conversationId] ?? emptyThread(0);
    return { ...s, threads: { ...s.threads, [conversationId]: { ...thread, ...patch } } };
  });
}

/** Someone read up to `seq`: the peer (receipts) or me on another device (unread goes away). */
export function readReceived(conversationId: string, userId: string, seq: number): void {
  update((s) => {
    const c = s.conversations[conversationId];
    if (!c) return s;
    const next =
      userId === s.me
        ? seq >= c.lastReadSeq
          ? { ...c, lastReadSeq: seq, ...(seq >= c.lastSeq ? { unreadCount: 0, mentionCount: 0 } : {}) }
          : c
        : { ...c, peerReadSeq: Math.max(c.peerReadSeq ?? 0, seq) };
    return next === c ? s : { ...s, conversations: { ...s.conversations, [conversationId]: next } };
  });
}

/** The seq to report as read now, or null when nothing new is on screen. */
export function readableNow(conversationId: string): number | null {
  const s = chatStore.get();
  const c = s.conversations[conversationId];
  const thread = s.threads[conversationId];
  if (!c || !thread || !isReading(s, conversationId)) return null;
  const seq = newestSeq(thread);
  return seq > c.lastReadSeq || c.unreadCount > 0 ? seq : null;
}

export function setTyping(conversationId: string, userId: string | null, until = 0): void {
  update((s) => {
    const typing = { ...s.typing };
    if (userId) typing[conversationId] = { userId, until };
    else delete typing[conversationId];
    return { ...s, typing };
  });
}

export function setOnline(entries: Record<string, boolean>): void {
  update((s) => ({ ...s, online: { ...s.online, ...entries } }));
}

export function setActive(conversationId: string | null): void {
  update((s) => ({ ...s, activeId: conversationId }));
}

/** Total unread over every conversation (the Chats tab badge). */
export function totalUnread(state: ChatState): number {
  let total = 0;
  for (const c of Object.values(state.conversations)) total += c.unreadCount;
  return total;
}

/** Conversations newest activity first. */
export function sortedConversations(state: ChatState): Conversation[] {
  return Object.values(state.conversations).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
