import {
  HelloConfigSchema,
  HelloOrderSchema,
  NotifyResponseSchema,
  SessionResponseSchema,
  type HelloOrder,
  type SessionResponse,
} from '../../common/api';
import type { MiniAppBridge } from '@app/miniapp-sdk';
import { z } from 'zod';

/** The page's own backend: its origin comes from the launch context (`context.config.backendUrl`). */
let backendOrigin: string | undefined;

/** Reads the backend's origin from the launch config; false when the app was launched without one. */
export function configureBackend(config: Record<string, string>): boolean {
  const parsed = HelloConfigSchema.safeParse(config);
  backendOrigin = parsed.success ? new URL(parsed.data.backendUrl).origin : undefined;
  return backendOrigin !== undefined;
}

const SESSION_KEY = 'hello.session';

/**
 * The session survives reloads in the messenger's own storage (`storage.*`, kept per person and app): a cross-site
 * frame gets no dependable localStorage. Reads come from memory, loaded once at start; writes go to both. A host
 * without `storage.*` (an older messenger) keeps the session in memory while the page is open.
 */
const memory = new Map<string, string>();
let persist: MiniAppBridge | undefined;

export async function loadSavedSession(bridge: MiniAppBridge): Promise<void> {
  if (!bridge.can('storage.get')) return;
  persist = bridge;
  const { value } = await bridge.call('storage.get', { key: SESSION_KEY }).catch(() => ({ value: null }));
  if (value !== null) memory.set(SESSION_KEY, value);
}

const store = {
  get: (key: string): string | null => memory.get(key) ?? null,
  set(key: string, value: string | null): void {
    if (value === null) memory.delete(key);
    else memory.set(key, value);
    const saved =
      value === null ? persist?.call('storage.remove', { key }) : persist?.call('storage.set', { key, value });
    void saved?.catch(() => undefined); // memory still has it for this page
  },
};

export class BackendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function savedSession(): SessionResponse | undefined {
  const parsed = SessionResponseSchema.safeParse(JSON.parse(store.get(SESSION_KEY) ?? 'null'));
  return parsed.success && Date.parse(parsed.data.expiresAt) > Date.now() ? parsed.data : undefined;
}

async function request<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  const session = savedSession();
  if (!backendOrigin) throw new BackendError('unavailable', 'No backend configured for this app');
  const res = await fetch(`${backendOrigin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) {
    if (res.status === 401) store.set(SESSION_KEY, null);
    throw new BackendError(json.error?.code ?? 'internal', json.error?.message ?? `HTTP ${res.status}`);
  }
  return schema.parse(json);
}

const OrderResponse = z.object({ order: HelloOrderSchema });

export const backend = {
  /** Trades a bridge `auth.login` code for a session; the backend learns the openId, the page only shows it. */
  async logIn(code: string): Promise<SessionResponse> {
    const session = await request('/api/session', SessionResponseSchema, { code });
    store.set(SESSION_KEY, JSON.stringify(session));
    return session;
  },
  createOrder: async (amountFen: number): Promise<HelloOrder> =>
    (await request('/api/orders', OrderResponse, { amountFen })).order,
  order: async (orderId: string): Promise<HelloOrder> =>
    (await request(`/api/orders/${encodeURIComponent(orderId)}`, OrderResponse)).order,
  refund: async (orderId: string): Promise<HelloOrder> =>
    (await request(`/api/orders/${encodeURIComponent(orderId)}/refund`, OrderResponse, {})).order,
  notify: () => request('/api/notify', NotifyResponseSchema, {}),
};
