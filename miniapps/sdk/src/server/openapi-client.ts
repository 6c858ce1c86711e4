import {
  AppTokenSchema,
  CreatedOrderSchema,
  OpenAgreementSchema,
  OpenOrderSchema,
  RefundSchema,
  SentMessageSchema,
  SessionSchema,
  type CreatedOrder,
  type CreateDebit,
  type CreateOrder,
  type CreateRefund,
  type ErrorCode,
  type OpenAgreement,
  type OpenOrder,
  type Refund,
  type Session,
  type SubscribeMessage,
} from '@app/shared/openapi';
import type { z } from 'zod';

/** Renew the 2-hour app token this long before it expires, so no call races its expiry. */
const RENEW_MARGIN_MS = 5 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A refused or failed Open API call. `code` is the platform's error code (`code_invalid`, `not_found`,
 * `refund_exceeds_paid`, …), `status` its HTTP status; `unavailable` (503) when the platform could not be reached or
 * did not answer in time, `internal` when it answered something that is not the documented response.
 *
 * @example
 * try {
 *   await openApi.code2session(code);
 * } catch (err) {
 *   if (err instanceof OpenApiError && err.code === 'code_invalid') return res.status(401).end();
 *   throw err;
 * }
 */
export class OpenApiError extends Error {
  override name = 'OpenApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
  }
}

export interface OpenApiClientOptions {
  /** The platform's base URL, e.g. `http://127.0.0.1:3000` (the Open API is under `/openapi/v1`). */
  platformUrl: string;
  appId: string;
  appSecret: string;
  /** Per request; 10 s by default. */
  timeoutMs?: number;
  /** For tests: another `fetch`, another clock. */
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * The platform's Open API for a mini-program's backend (docs/miniapps/openapi.md). It keeps one app token, fetches it
 * once however many calls wait for it, renews it 5 minutes before its 2 hours end, and once more at once if the
 * platform calls it expired or invalid (the platform restarted with a new key, or the secret was rotated). Creating
 * orders, refunds and debits is idempotent on your `outTradeNo` / `outRefundNo`, so retrying a failed call is safe.
 *
 * @example
 * import { OpenApiClient } from '@app/miniapp-sdk/server';
 *
 * const openApi = new OpenApiClient({ platformUrl: env.platformUrl, appId: env.appId, appSecret: env.appSecret });
 * const { openId } = await openApi.code2session(code);
 * const { orderId } = await openApi.createOrder({ outTradeNo: 'tip_42', openId, amount: 1, description: 'A tip' });
 */
export class OpenApiClient {
  private token: { value: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: OpenApiClientOptions) {
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /**
   * Trades a login code (from the page's `auth.login`) for the person's openId; each code works once.
   *
   * @example
   * const { openId } = await openApi.code2session(req.body.code);
   */
  code2session(code: string): Promise<Session> {
    return this.call('POST', '/auth/code2session', { code }, SessionSchema);
  }

  /**
   * Creates an order the person then pays in the host's cashier (the page calls `payment.request` with the
   * `orderId`). The same `outTradeNo` with the same fields returns the same order.
   *
   * @example
   * const { orderId, expiresAt } = await openApi.createOrder({ outTradeNo, openId, amount: 100, description: 'Tea' });
   */
  createOrder(input: CreateOrder): Promise<CreatedOrder> {
    return this.call('POST', '/payments/orders', input, CreatedOrderSchema);
  }

  /**
   * The order as the platform has it now (status, refunded amount, paidAt).
   *
   * @example
   * const order = await openApi.getOrder(orderId);
   * if (order.status === 'paid') ship();
   */
  getOrder(orderId: string): Promise<OpenOrder> {
    return this.call('GET', `/payments/orders/${encodeURIComponent(orderId)}`, undefined, OpenOrderSchema);
  }

  /**
   * Closes an unpaid order so that it can no longer be paid; refused with `wrong_state` once it is paid.
   *
   * @example
   * const closed = await openApi.closeOrder(orderId); // closed.status === 'closed'
   */
  closeOrder(orderId: string): Promise<OpenOrder> {
    return this.call('POST', `/payments/orders/${encodeURIComponent(orderId)}/close`, {}, OpenOrderSchema);
  }

  /**
   * Refunds part or all of a paid order; idempotent on `outRefundNo`, and the refunds never add up to more than was
   * paid (`refund_exceeds_paid`). A `refund.succeeded` webhook follows.
   *
   * @example
   * await openApi.refund(orderId, { outRefundNo: `r_${outTradeNo}`, amount: 100, reason: 'Out of stock' });
   */
  refund(orderId: string, input: CreateRefund): Promise<Refund> {
    return this.call('POST', `/payments/orders/${encodeURIComponent(orderId)}/refunds`, input, RefundSchema);
  }

  /**
   * A debit agreement the person signed with `payment.signDebitAgreement`: its monthly limit and what is used.
   *
   * @example
   * const { monthlyLimit, usedThisMonth } = await openApi.getAgreement(agreementId);
   */
  getAgreement(agreementId: string): Promise<OpenAgreement> {
    const path = `/payments/agreements/${encodeURIComponent(agreementId)}`;
    return this.call('GET', path, undefined, OpenAgreementSchema);
  }

  /**
   * Charges a signed debit agreement without the person's PIN ("ride now, pay later"), within its monthly limit
   * (`debit_limit_exceeded`); idempotent on `outTradeNo`. Answers the paid order; a `debit.succeeded` webhook follows.
   *
   * @example
   * const order = await openApi.chargeDebit({ agreementId, outTradeNo: tripId, amount: 200, description: 'Bus 42' });
   */
  chargeDebit(input: CreateDebit): Promise<OpenOrder> {
    return this.call('POST', '/payments/debits', input, OpenOrderSchema);
  }

  /**
   * Sends one service message, spending one subscription the person accepted with `subscribe.request`
   * (`subscription_required` when there is none left).
   *
   * @example
   * await openApi.sendSubscribeMessage({ openId, templateId: 'order_ready', data: { Order: '#42' }, page: '/orders/42' });
   */
  sendSubscribeMessage(input: SubscribeMessage): Promise<{ messageId: string }> {
    return this.call('POST', '/messages/subscribe', input, SentMessageSchema);
  }

  /**
   * The cached app token, fetched or renewed when missing or close to its end (one fetch however many wait).
   *
   * @example
   * const token = await openApi.accessToken(); // for an Open API route this client does not wrap yet
   */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const { appId, appSecret } = this.options;
    const startedAt = this.now();
    const parsed = AppTokenSchema.safeParse(await this.send('POST', '/token', { appId, appSecret }));
    if (!parsed.success) throw new OpenApiError(502, 'internal', 'Unexpected Open API response from /token');
    const { accessToken, expiresIn } = parsed.data;
    // A short-lived token (tests, a platform with another TTL) is renewed halfway rather than never cached.
    const margin = Math.min(RENEW_MARGIN_MS, (expiresIn * 1000) / 2);
    this.token = { value: accessToken, renewAt: startedAt + expiresIn * 1000 - margin };
    return accessToken;
  }

  private async call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S) {
    const attempt = async (): Promise<z.output<S>> => {
      const json = await this.send(method, path, body, await this.accessToken());
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new OpenApiError(502, 'internal', `Unexpected Open API response from ${path}`);
      return parsed.data;
    };
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof OpenApiError) || (err.code !== 'token_expired' && err.code !== 'token_invalid')) throw err;
      this.token = undefined;
      return attempt();
    }
  }

  private async send(method: string, path: string, body: unknown, token?: string): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(`${this.options.platformUrl.replace(/\/$/, '')}/openapi/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      text = await res.text();
    } catch (err) {
      throw new OpenApiError(503, 'unavailable', `The platform is unreachable: ${(err as Error).message}`);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      throw new OpenApiError(
        res.status,
        typeof error?.code === 'string' ? error.code : res.status >= 500 ? 'unavailable' : 'internal',
        typeof error?.message === 'string' ? error.message : `Open API ${method} ${path}: HTTP ${res.status}`,
      );
    }
    return json;
  }
}
