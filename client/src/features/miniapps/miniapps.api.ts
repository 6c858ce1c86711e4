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

/** Where the iframe goes: `path` is a page inside the app (`/menu?table=12`). */
export function fetchLaunch(appId: string, path?: string): Promise<Launch> {
  const query = path ? `?${new URLSearchParams({ path }).toString()}` : '';
  return api(`/api/miniapps/${id(appId)}/launch${query}`, LaunchSchema);
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
