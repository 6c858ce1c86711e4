import { useSyncExternalStore } from 'react';
import { ApiError } from '../../lib/http';
import { getSocket, onSocketConnect, type AppSocket } from '../../lib/socket';
import { sessionStore } from '../auth/session.store';
import { fetchConversation, fetchConversations } from './chat.api';
import { advanceCursors, hasGap } from './chat.merge';
import {
  chatStore,
  markLeft,
  readableNow,
  raiseCursor,
  readReceived,
  recallReceived,
  receiveMessages,
  resetChat,
  setConversations,
  setMembers,
  setOnline,
  setTyping,
  totalUnread,
  upsertConversation,
} from './chat.store';
import { clearOutbox, resendPending } from './chat.outbox';
import { request } from './chat.request';

const TYPING_SHOWN_MS = 5_000;
const PREFETCH_GROUPS = 10;

let syncing = false;
let syncAgain = false;
let listTimer: ReturnType<typeof setTimeout> | undefined;

/** Catches up: everything after each conversation's cursor, paged until the server says there is no more. */
export async function syncNow(): Promise<void> {
  const socket = getSocket();
  if (!socket?.connected) return;
  if (syncing) {
    syncAgain = true;
    return;
  }
  syncing = true;
  try {
    do {
      syncAgain = false;
      let cursors: Record<string, number> = {};
      for (const [id, thread] of Object.entries(chatStore.get().threads)) cursors[id] = thread.cursor;
      for (;;) {
        const page = await request(socket, 'sync', { cursors });
        receiveMessages(page.messages);
        const next = advanceCursors(cursors, page.messages);
        for (const [id, seq] of Object.entries(next)) raiseCursor(id, seq);
        if (!page.more || !page.messages.length) break;
        cursors = next;
      }
    } while (syncAgain);
  } finally {
    syncing = false;
  }
  reportRead();
}

export async function refreshList(): Promise<void> {
  const list = await fetchConversations();
  setConversations(list);
  // Group rows show member avatars and "Name: text" previews: fetch the members of a few groups not known yet.
  const { members } = chatStore.get();
  const groups = list.filter((c) => c.type === 'group' && !members[c.id]).slice(0, PREFETCH_GROUPS);
  for (const c of groups) void loadMembers(c.id).catch(() => undefined);
}

/** Several pushes about unknown conversations cost one list request. */
function refreshListSoon(): void {
  clearTimeout(listTimer);
  listTimer = setTimeout(() => void refreshList().catch(() => undefined), 300);
}

/** Tells the server (and our other devices) what the user has seen in the open conversation. */
export function reportRead(): void {
  const { activeId } = chatStore.get();
  if (!activeId) return;
  const seq = readableNow(activeId);
  const socket = getSocket();
  if (seq === null || !socket?.connected) return;
  readReceived(activeId, chatStore.get().me ?? '', seq);
  socket.emit('message:read', { conversationId: activeId, seq }, () => undefined);
}

/** Members of a conversation (for names, mentions, the info page); marks it left when we are no longer in it. */
export async function loadMembers(conversationId: string): Promise<void> {
  try {
    const detail = await fetchConversation(conversationId);
    upsertConversation(detail.conversation);
    setMembers(conversationId, detail.members);
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'not_member' || err.code === 'not_found')) markLeft(conversationId);
    else throw err;
  }
}

export function queryPresence(userIds: string[]): void {
  const socket = getSocket();
  if (!socket?.connected || !userIds.length) return;
  void request(socket, 'presence:query', { userIds })
    .then(({ online }) => setOnline(Object.fromEntries(userIds.map((id) => [id, online.includes(id)]))))
    .catch(() => undefined);
}

const bound = new WeakSet<AppSocket>();

function bind(socket: AppSocket): void {
  if (bound.has(socket)) return;
  bound.add(socket);
  socket.on('message:new', ({ message }) => {
    const unknown = receiveMessages([message]);
    if (unknown.length) refreshListSoon();
    const thread = chatStore.get().threads[message.conversationId];
    if (thread && hasGap(thread)) void syncNow();
    reportRead();
  });
  socket.on('message:recalled', ({ message }) => recallReceived(message));
  socket.on('message:read', ({ conversationId, userId, seq }) => readReceived(conversationId, userId, seq));
  socket.on('typing', ({ conversationId, userId }) => {
    const until = Date.now() + TYPING_SHOWN_MS;
    setTyping(conversationId, userId, until);
    setTimeout(() => {
      if (chatStore.get().typing[conversationId]?.until === until) setTyping(conversationId, null);
    }, TYPING_SHOWN_MS);
  });
  socket.on('conversation:updated', ({ conversation }) => {
    upsertConversation(conversation);
    if (chatStore.get().members[conversation.id]) void loadMembers(conversation.id).catch(() => undefined);
  });
  socket.on('conversation:removed', ({ conversationId }) => markLeft(conversationId));
  socket.on('presence', ({ userId, online }) => setOnline({ [userId]: online }));
  socket.on('friend:accepted', () => refreshListSoon());
}

/** On every (re)connect: the list, then what was missed, then what we wrote while away (same clientMsgIds). */
let catchingUp: Promise<void> | null = null;

async function catchUp(): Promise<void> {
  // A reconnect and an `online` event can arrive together: one catch-up at a time, then one more.
  while (catchingUp) await catchingUp;
  catchingUp = catchUpOnce();
  try {
    await catchingUp;
  } finally {
    catchingUp = null;
  }
}

async function catchUpOnce(): Promise<void> {
  try {
    await refreshList();
    await syncNow();
  } catch {
    // The next reconnect (or a gap) tries again; what we have stays on screen.
  }
  await resendPending();
  const { activeId, conversations } = chatStore.get();
  const peer = activeId ? conversations[activeId]?.peer : null;
  if (peer) queryPresence([peer.id]);
}

let currentUser: string | null = null;
sessionStore.subscribe(() => {
  const session = sessionStore.get();
  const id = session.status === 'authenticated' ? session.user.id : null;
  if (id !== currentUser && session.status !== 'restoring') {
    currentUser = id;
    clearOutbox();
    resetChat(id);
  }
});
const session = sessionStore.get();
if (session.status === 'authenticated') {
  currentUser = session.user.id;
  resetChat(currentUser);
}

onSocketConnect((socket) => {
  bind(socket);
  void catchUp();
});

if (typeof document !== 'undefined') document.addEventListener('visibilitychange', reportRead);

function unreadSnapshot(): number {
  return totalUnread(chatStore.get());
}

/** The Chats tab badge: unread messages over every conversation. */
export function useTotalUnread(): number {
  return useSyncExternalStore(chatStore.subscribe, unreadSnapshot, unreadSnapshot);
}
