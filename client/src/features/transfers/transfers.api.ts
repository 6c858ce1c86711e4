import { CreatedTransferSchema, TransferResultSchema, type CreateTransfer, type Transfer } from '@app/shared';
import { api } from '../../lib/api-client';
import { moneyPost } from '../wallet/wallet.api';

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
