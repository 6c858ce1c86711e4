import { MessageSchema, TransferSchema, type CreateTransfer, type Transfer } from '@app/shared';
import { z } from 'zod';
import { api } from '../../lib/api-client';
import { moneyPost } from '../wallet/wallet.api';

const TransferResultSchema = z.object({ transfer: TransferSchema });
export const CreatedTransferSchema = z.object({ transfer: TransferSchema, message: MessageSchema });

/**
 * The body of a `transfer` chat message. Not in @app/shared yet (the server writes it in transfers.service), so it is
 * parsed here, leniently: a bubble with a body it cannot read says "unsupported" instead of crashing.
 */
export const TransferBodySchema = z.object({
  transferId: z.string(),
  amountFen: z.number().int(),
  note: z.string().nullish(),
});

const id = encodeURIComponent;

export function createTransfer(body: CreateTransfer, key: string) {
  return moneyPost('/api/transfers', CreatedTransferSchema, body, key);
}

export async function fetchTransfer(transferId: string): Promise<Transfer> {
  return (await api(`/api/transfers/${id(transferId)}`, TransferResultSchema)).transfer;
}

export async function settleTransfer(transferId: string, outcome: 'accept' | 'decline'): Promise<Transfer> {
  return (await api(`/api/transfers/${id(transferId)}/${outcome}`, TransferResultSchema, { method: 'POST' })).transfer;
}
