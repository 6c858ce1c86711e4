import {
  MessageSchema,
  RedPacketDetailSchema,
  RedPacketSchema,
  RedPacketTypeSchema,
  type CreateRedPacket,
  type RedPacketDetail,
} from '@app/shared';
import { z } from 'zod';
import { api } from '../../lib/api-client';
import { moneyPost } from '../wallet/wallet.api';

const CreatedRedPacketSchema = z.object({ packet: RedPacketSchema, message: MessageSchema });
const ClaimResultSchema = z.object({ amountFen: z.number().int() });

/**
 * The body of a `redpacket` chat message. Not in @app/shared yet (redpackets.service writes it), so it is parsed
 * here; a bubble that cannot read it says "unsupported".
 */
export const RedPacketBodySchema = z.object({
  packetId: z.string(),
  type: RedPacketTypeSchema,
  greeting: z.string(),
  shares: z.number().int(),
});

const id = encodeURIComponent;

export function createRedPacket(body: CreateRedPacket, key: string) {
  return moneyPost('/api/redpackets', CreatedRedPacketSchema, body, key);
}

export async function claimRedPacket(packetId: string): Promise<number> {
  return (await api(`/api/redpackets/${id(packetId)}/claim`, ClaimResultSchema, { method: 'POST' })).amountFen;
}

export function fetchRedPacket(packetId: string): Promise<RedPacketDetail> {
  return api(`/api/redpackets/${id(packetId)}`, RedPacketDetailSchema);
}
