import type { MiniAppCardInput, SendMessage } from '@app/shared';
import { BridgeError } from '@app/shared/bridge';
import { getSocket } from '../../../lib/socket';
import { request } from '../../chat/chat.request';
import { receiveMessages } from '../../chat/chat.store';

/** Sends a mini-program card (share.toChat) to a conversation and shows it there at once. */
export async function sendMiniAppCard(conversationId: string, body: MiniAppCardInput): Promise<void> {
  const socket = getSocket();
  if (!socket?.connected) throw new BridgeError('unavailable', 'Not connected');
  const clientMsgId = crypto.randomUUID();
  const payload: SendMessage = { conversationId, clientMsgId, kind: 'miniapp_card', body };
  const { message } = await request(socket, 'message:send', payload);
  receiveMessages([message]);
}
