import { ApiError } from '../../lib/http';
import { getSocket } from '../../lib/socket';
import { fetchHistory } from './chat.api';
import { oldestSeq } from './chat.merge';
import { request } from './chat.request';
import { chatStore, patchThread, raiseCursor, recallReceived, receiveMessages } from './chat.store';

const PAGE = 30;
const inFlight = new Set<string>();

/** The newest page of a conversation (first time it is opened). */
export async function loadLatest(conversationId: string): Promise<void> {
  if (inFlight.has(conversationId)) return;
  inFlight.add(conversationId);
  try {
    const page = await fetchHistory(conversationId, { limit: PAGE });
    receiveMessages(page.messages);
    patchThread(conversationId, { loaded: true, hasOlder: page.more });
    const newest = page.messages.at(-1);
    if (newest) raiseCursor(conversationId, newest.seq);
  } finally {
    inFlight.delete(conversationId);
  }
}

/** The page before the oldest message held (scroll back). */
export async function loadOlder(conversationId: string): Promise<void> {
  const thread = chatStore.get().threads[conversationId];
  if (!thread || !thread.hasOlder || inFlight.has(conversationId)) return;
  const oldest = oldestSeq(thread);
  if (oldest === null) return loadLatest(conversationId);
  if (oldest <= 1) {
    patchThread(conversationId, { hasOlder: false });
    return;
  }
  inFlight.add(conversationId);
  try {
    const page = await fetchHistory(conversationId, { beforeSeq: oldest, limit: PAGE });
    receiveMessages(page.messages);
    patchThread(conversationId, { hasOlder: page.more });
  } finally {
    inFlight.delete(conversationId);
  }
}

/** Recalls one of our messages (within the server's window); rejects with the server's error code. */
export async function recallMessage(messageId: string): Promise<void> {
  const socket = getSocket();
  if (!socket?.connected) throw new ApiError('network', 'Offline');
  const { message } = await request(socket, 'message:recall', { messageId });
  recallReceived(message);
}

let lastTypingAt = 0;

/** Tells the others we are typing, at most every three seconds. */
export function reportTyping(conversationId: string): void {
  const now = Date.now();
  if (now - lastTypingAt < 3000) return;
  lastTypingAt = now;
  getSocket()?.emit('typing', { conversationId });
}
