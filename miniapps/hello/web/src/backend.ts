import {
  HelloConfigSchema,
  HelloOrderSchema,
  NotifyResponseSchema,
  SessionResponseSchema,
  type HelloOrder,
  type SessionResponse,
} from '../../common/api';
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
 * The session survives a reload of the page when the browser lets this frame have storage. Inside the messenger the
 * page is a cross-site frame, and browsers that block third-party storage throw on any access to it: then the session
 * lives in memory for as long as the page is open.
 */
const memory = new Map<string, string>();
const store = {
  get(key: string): string | null {
    try {
      return sessionStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch {
      if (value === null) memory.delete(key);
      else memory.set(key, value);
    }
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
