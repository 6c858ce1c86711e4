import {
  AppTokenSchema,
  CreatedOrderSchema,
  OpenOrderSchema,
  RefundSchema,
  SentMessageSchema,
  SessionSchema,
  type CreateOrder,
  type CreateRefund,
  type OpenOrder,
  type Refund,
  type SubscribeMessage,
} from '@app/shared/openapi';
import type { z } from 'zod';

/** Refresh the 2-hour app token this long before it expires, so no call races its expiry. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** A refused Open API call, with the platform's error code (`code_invalid`, `not_found`, …). */
export class OpenApiError extends Error {
  override name = 'OpenApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface OpenApiClientOptions {
  platformUrl: string;
  appId: string;
  appSecret: string;
  /** For tests. */
  now?: () => number;
}

/**
 * The platform's Open API over plain HTTP — the only way this backend talks to the platform. Keeps one app token
 * and renews it before its 2 hours run out (or at once if the platform calls it expired or invalid, e.g. after a
 * secret rotation).
 */
export class OpenApiClient {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: OpenApiClientOptions) {
    this.now = options.now ?? Date.now;
  }

  code2session(code: string): Promise<{ openId: string }> {
    return this.call('POST', '/auth/code2session', { code }, SessionSchema);
  }

  createOrder(input: CreateOrder): Promise<{ orderId: string; expiresAt: string }> {
    return this.call('POST', '/payments/orders', input, CreatedOrderSchema, input.outTradeNo);
  }

  getOrder(orderId: string): Promise<OpenOrder> {
    return this.call('GET', `/payments/orders/${encodeURIComponent(orderId)}`, undefined, OpenOrderSchema);
  }

  refund(orderId: string, input: CreateRefund): Promise<Refund> {
    const path = `/payments/orders/${encodeURIComponent(orderId)}/refunds`;
    return this.call('POST', path, input, RefundSchema, input.outRefundNo);
  }

  sendSubscribeMessage(input: SubscribeMessage): Promise<{ messageId: string }> {
    return this.call('POST', '/messages/subscribe', input, SentMessageSchema);
  }

  /** The cached app token, fetched or renewed when missing or close to expiry (one fetch at a time). */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - REFRESH_MARGIN_MS) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const { appId, appSecret } = this.options;
    const startedAt = this.now();
    const body = await this.send('POST', '/token', { appId, appSecret }, undefined);
    const { accessToken, expiresIn } = AppTokenSchema.parse(body);
    this.token = { value: accessToken, expiresAt: startedAt + expiresIn * 1000 };
    return accessToken;
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    body: unknown,
    schema: S,
    idempotencyKey?: string,
  ): Promise<z.output<S>> {
    const headers = (token: string) => ({
      authorization: `Bearer ${token}`,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    });
    try {
      return schema.parse(await this.send(method, path, body, headers(await this.accessToken())));
    } catch (err) {
      if (!(err instanceof OpenApiError) || (err.code !== 'token_expired' && err.code !== 'token_invalid')) throw err;
      this.token = undefined; // e.g. the platform restarted with another signing key: get a new token once
      return schema.parse(await this.send(method, path, body, headers(await this.accessToken())));
    }
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> | undefined,
  ): Promise<unknown> {
    const res = await fetch(`${this.options.platformUrl}/openapi/v1${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new OpenApiError(res.status, error?.code ?? 'internal', error?.message ?? `Open API ${res.status}`);
    }
    return json;
  }
}
