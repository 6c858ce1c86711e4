import {
  ClaimResultSchema,
  CreatedRedPacketSchema,
  RedPacketDetailSchema,
  type CreateRedPacket,
  type RedPacketDetail,
} from '@app/shared';
import { api } from '../../lib/api-client';
import { moneyPost } from '../wallet/wallet.api';

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
