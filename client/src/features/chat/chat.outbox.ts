import type { Message, SendMessage, TextBody } from '@app/shared';
import { ApiError } from '../../lib/http';
import { connectionState, getSocket } from '../../lib/socket';
import { uploadImage } from './chat.api';
import { request } from './chat.request';
import { chatStore, receiveMessages, setLocal } from './chat.store';

/** A send the server has not acknowledged yet. Its clientMsgId never changes, so retries cannot duplicate it. */
interface Outgoing {
  message: Message;
  payload: SendMessage | null;
  /** An image still to upload (payload is null until it is). */
  file?: File;
  /** Bumped per attempt so a late answer to an older attempt cannot overrule a newer one. */
  attempt: number;
}

const outbox = new Map<string, Outgoing>();

/** The browser may report offline while the socket still looks open: trust neither alone. */
function online(): boolean {
  return !!getSocket()?.connected && connectionState.get() === 'connected';
}

function draft(conversationId: string, kind: 'text' | 'image', body: Record<string, unknown>): Message {
  const clientMsgId = crypto.randomUUID();
  return {
    id: clientMsgId,
    conversationId,
    seq: 0,
    senderId: chatStore.get().me,
    clientMsgId,
    kind,
    body,
    createdAt: new Date().toISOString(),
    recalledAt: null,
  };
}

export function sendText(conversationId: string, body: TextBody): void {
  const message = draft(conversationId, 'text', body);
  const payload: SendMessage = { conversationId, clientMsgId: message.id, kind: 'text', body };
  outbox.set(message.id, { message, payload, attempt: 0 });
  setLocal(message, 'pending');
  void deliver(message.id);
}

/** Shows the picked image at once (a local preview), uploads it, then sends the image message. */
export function sendImage(conversationId: string, file: File, size: { width: number; height: number }): void {
  const preview = URL.createObjectURL(file);
  const message = draft(conversationId, 'image', { url: preview, thumbUrl: preview, ...size });
  outbox.set(message.id, { message, payload: null, file, attempt: 0 });
  setLocal(message, 'pending');
  void deliver(message.id);
}

/** Tap on a failed message: the same clientMsgId goes again. */
export function retry(clientMsgId: string): void {
  const entry = outbox.get(clientMsgId);
  if (!entry) return;
  setLocal(entry.message, 'pending');
  void deliver(clientMsgId);
}

async function deliver(clientMsgId: string): Promise<void> {
  const entry = outbox.get(clientMsgId);
  if (!entry) return;
  const attempt = ++entry.attempt;
  try {
    if (!entry.payload && entry.file) {
      const upload = await uploadImage(entry.file);
      entry.payload = {
        conversationId: entry.message.conversationId,
        clientMsgId,
        kind: 'image',
        body: { uploadId: upload.id },
      };
    }
    // Offline: stays pending; the reconnect resends it (never buffered by socket.io, so never sent twice by us).
    const socket = getSocket();
    if (!online() || !socket || !entry.payload) return;
    const { message } = await request(socket, 'message:send', entry.payload);
    outbox.delete(clientMsgId);
    if (entry.file && typeof entry.message.body.url === 'string') URL.revokeObjectURL(entry.message.body.url);
    receiveMessages([message]);
  } catch (err) {
    if (entry.attempt !== attempt || !outbox.has(clientMsgId)) return;
    // No answer because the connection dropped: the reconnect resends it.
    if (err instanceof ApiError && err.code === 'unavailable' && !online()) return;
    setLocal(entry.message, 'failed');
  }
}

/** After a reconnect: every still-pending send, oldest first, one at a time so their order is kept. */
export async function resendPending(): Promise<void> {
  const pending = [...outbox.values()].filter((entry) => {
    const thread = chatStore.get().threads[entry.message.conversationId];
    return thread?.items.some((item) => item.message.id === entry.message.id && item.status === 'pending');
  });
  for (const entry of pending) await deliver(entry.message.clientMsgId ?? '');
}

/** Forget everything unsent (logout). */
export function clearOutbox(): void {
  outbox.clear();
}
