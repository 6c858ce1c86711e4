import {
  CashierOrderSchema,
  ConsentListSchema,
  LaunchSchema,
  LoginCodeSchema,
  MeSchema,
  SignedAgreementSchema,
  type CashierOrder,
  type Consent,
  type Launch,
  type Me,
  type Scope,
  type SubscriptionDecision,
} from '@app/shared';
import { z } from 'zod';
import { api } from '../../lib/api-client';
import { moneyPost } from '../wallet/wallet.api';

const id = encodeURIComponent;

export async function fetchConsents(): Promise<Consent[]> {
  return (await api('/api/me/consents', ConsentListSchema)).consents;
}

export async function revokeConsent(appId: string, scope: Scope): Promise<void> {
  await api(`/api/me/consents/${id(appId)}/${id(scope)}`, z.unknown(), {
    method: 'DELETE',
  });
}

export async function saveConsent(appId: string, scope: Scope, granted: boolean): Promise<void> {
  await api('/api/me/consents', null, { method: 'PUT', body: { appId, scope, granted } });
}

/** What to open: a page inside the app (`/menu?table=12`); a preview (developer, reviewer) of `version` or the newest. */
export interface LaunchOptions {
  path?: string;
  preview?: boolean;
  version?: string;
}

/** Where the iframe goes. */
export function fetchLaunch(appId: string, { path, preview, version }: LaunchOptions = {}): Promise<Launch> {
  const query = new URLSearchParams({
    ...(path ? { path } : {}),
    ...(preview ? { preview: '1', ...(version ? { version } : {}) } : {}),
  }).toString();
  return api(`/api/miniapps/${id(appId)}/launch${query ? `?${query}` : ''}`, LaunchSchema);
}

export async function fetchLoginCode(appId: string): Promise<string> {
  return (await api('/api/bridge/login-code', LoginCodeSchema, { method: 'POST', body: { appId } })).code;
}

export function fetchMe(): Promise<Me> {
  return api('/api/me', MeSchema);
}

/** The order as the server has it: the cashier shows only this, never what the iframe says. */
export async function fetchOrder(orderId: string): Promise<CashierOrder> {
  return (await api(`/api/payments/orders/${id(orderId)}`, z.object({ order: CashierOrderSchema }))).order;
}

export async function payOrder(orderId: string, pin: string, key: string): Promise<void> {
  await moneyPost(`/api/payments/orders/${id(orderId)}/pay`, z.unknown(), { pin }, key);
}

export async function signAgreement(
  body: { appId: string; monthlyLimitFen: number; description: string; pin: string },
  key: string,
): Promise<string> {
  return (await moneyPost('/api/payments/agreements', SignedAgreementSchema, body, key)).agreementId;
}

export async function saveSubscriptions(body: SubscriptionDecision): Promise<void> {
  await api('/api/bridge/subscriptions', z.unknown(), { method: 'POST', body });
}
