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
  // message:send's shared type lists the kinds a person types; miniapp_card is sent by the host only, here.
  const payload = { conversationId, clientMsgId, kind: 'miniapp_card', body } as unknown as SendMessage;
  const { message } = await request(socket, 'message:send', payload);
  receiveMessages([message]);
}
