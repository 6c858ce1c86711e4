import {
  IDEMPOTENCY_KEY_HEADER,
  StatementSchema,
  WalletSchema,
  type SetPin,
  type Statement,
  type Wallet,
} from '@app/shared';
import type { z } from 'zod';
import { api } from '../../lib/api-client';

/**
 * One key per user action (a top-up, a transfer, a red packet), reused for every retry of that action: the server
 * answers a repeat with the stored result instead of moving the money twice.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain-http LAN testing still deserves a random key.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A money POST: always carries the action's Idempotency-Key. */
export function moneyPost<T>(path: string, schema: z.ZodType<T>, body: unknown, key: string): Promise<T> {
  return api(path, schema, { method: 'POST', body, headers: { [IDEMPOTENCY_KEY_HEADER]: key } });
}

export function fetchWallet(): Promise<Wallet> {
  return api('/api/wallet', WalletSchema);
}

export function setPin(body: SetPin): Promise<void> {
  return api('/api/wallet/pin', null, { method: 'PUT', body });
}

export function topup(amountFen: number, key: string): Promise<Wallet> {
  return moneyPost('/api/wallet/topups', WalletSchema, { amountFen }, key);
}

export function fetchStatement(cursor: string | null, limit = 20): Promise<Statement> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return api(`/api/wallet/statement?${query.toString()}`, StatementSchema);
}
