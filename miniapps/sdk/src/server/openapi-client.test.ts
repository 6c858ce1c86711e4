import { describe, expect, it } from 'vitest';
import { OpenApiClient, OpenApiError } from './openapi-client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const ORDER = {
  orderId: 'ord_aaaaaaaaaaaaaaaaaaaa',
  outTradeNo: 't1',
  openId: 'o1',
  amount: 100,
  refundedAmount: 0,
  description: 'Tea',
  status: 'paid',
  agreementId: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  expiresAt: '2025-01-01T00:30:00.000Z',
  paidAt: '2025-01-01T00:01:00.000Z',
};

interface Seen {
  method: string;
  path: string;
  auth: string | null;
  body: unknown;
}

/** A client whose `fetch` is a fake platform: `/token` hands out tok1, tok2, …; `answer` serves the rest. */
function setup(
  answer: (seen: Seen) => Response | Promise<Response>,
  options: { expiresIn?: number; refuseToken?: () => boolean } = {},
) {
  const seen: Seen[] = [];
  let tokens = 0;
  let now = 0;
  const fetchFake = async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const entry: Seen = {
      method: init?.method ?? 'GET',
      path: new URL(String(input)).pathname,
      auth: headers.get('authorization'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    seen.push(entry);
    if (entry.path === '/openapi/v1/token') {
      if (options.refuseToken?.())
        return json(401, { error: { code: 'app_credentials_invalid', message: 'Wrong appId or appSecret' } });
      return json(200, { accessToken: `tok${++tokens}`, expiresIn: options.expiresIn ?? 7200 });
    }
    return answer(entry);
  };
  const client = new OpenApiClient({
    platformUrl: 'http://platform.test/',
    appId: 'mpabc123def4',
    appSecret: 'secret-0123456789-abcdef',
    fetch: fetchFake as typeof fetch,
    now: () => now,
  });
  const calls = () => seen.filter((s) => s.path !== '/openapi/v1/token');
  const tokenFetches = () => seen.filter((s) => s.path === '/openapi/v1/token');
  return { client, seen, calls, tokenFetches, advance: (ms: number) => (now += ms) };
}

describe('OpenApiClient: the app token', () => {
  it('fetches one token for concurrent calls and renews it 5 minutes before its 2 hours end', async () => {
    const { client, calls, tokenFetches, advance } = setup(() => json(200, { openId: 'o1' }));
    await Promise.all([client.code2session('code-1'), client.code2session('code-2'), client.code2session('code-3')]);
    expect(tokenFetches()).toHaveLength(1);
    advance(114 * 60 * 1000);
    await client.code2session('code-4'); // 1 h 54 min: still the first token
    advance(60 * 1000);
    await client.code2session('code-5'); // 1 h 55 min: inside the margin, renewed
    expect(tokenFetches()).toHaveLength(2);
    expect(calls().map((c) => c.auth)).toEqual([
      'Bearer tok1',
      'Bearer tok1',
      'Bearer tok1',
      'Bearer tok1',
      'Bearer tok2',
    ]);
    expect(tokenFetches()[0]!.body).toEqual({ appId: 'mpabc123def4', appSecret: 'secret-0123456789-abcdef' });
  });

  it('renews a short-lived token halfway instead of never caching it', async () => {
    const { client, tokenFetches, advance } = setup(() => json(200, { openId: 'o1' }), { expiresIn: 60 });
    await client.code2session('a');
    advance(29_000);
    await client.code2session('b');
    expect(tokenFetches()).toHaveLength(1);
    advance(1_000);
    await client.code2session('c');
    expect(tokenFetches()).toHaveLength(2);
  });

  it('gets a new token once when the platform calls it expired, then passes the next error on', async () => {
    const answers = [
      json(401, { error: { code: 'token_expired', message: 'expired' } }),
      json(401, { error: { code: 'token_invalid', message: 'still bad' } }),
    ];
    const { client, calls, tokenFetches } = setup(() => answers.shift()!);
    const err = await client.code2session('code').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenApiError);
    expect(err).toMatchObject({ status: 401, code: 'token_invalid', message: 'still bad' });
    expect(tokenFetches()).toHaveLength(2); // renewed once, no loop
    expect(calls().map((c) => c.auth)).toEqual(['Bearer tok1', 'Bearer tok2']);
  });

  it('does not cache a failed token fetch', async () => {
    let refusals = 1;
    const { client, tokenFetches } = setup(() => json(200, { openId: 'o1' }), { refuseToken: () => refusals-- > 0 });
    await expect(client.code2session('a')).rejects.toMatchObject({ status: 401, code: 'app_credentials_invalid' });
    await expect(client.code2session('b')).resolves.toEqual({ openId: 'o1' });
    expect(tokenFetches()).toHaveLength(2);
  });
});

describe('OpenApiClient: the calls', () => {
  it('sends each call with the wire shape the platform routes expect', async () => {
    const { client, calls } = setup(({ path }) => {
      if (path.endsWith('/code2session')) return json(200, { openId: 'o1' });
      if (path === '/openapi/v1/payments/orders')
        return json(201, { orderId: ORDER.orderId, expiresAt: ORDER.expiresAt });
      if (path.endsWith('/refunds'))
        return json(201, {
          refundId: 'ref_1',
          outRefundNo: 'r1',
          orderId: ORDER.orderId,
          amount: 50,
          status: 'succeeded',
          createdAt: ORDER.createdAt,
        });
      if (path.startsWith('/openapi/v1/payments/agreements/'))
        return json(200, {
          agreementId: 'agr_bbbbbbbbbbbbbbbbbbbb',
          openId: 'o1',
          description: 'Bus',
          monthlyLimit: 10_000,
          usedThisMonth: 200,
          status: 'active',
          createdAt: ORDER.createdAt,
        });
      if (path.endsWith('/messages/subscribe')) return json(201, { messageId: '5b1c2a3e-7f4d-4c1a-9b2e-0d6f8a9c1e2f' });
      return json(200, ORDER);
    });
    const order = { outTradeNo: 't1', openId: 'o1', amount: 100, description: 'Tea' };
    const debit = { agreementId: 'agr_bbbbbbbbbbbbbbbbbbbb', outTradeNo: 'trip_1', amount: 200 };
    const message = { openId: 'o1', templateId: 'hello_update', data: { Message: 'Hi' }, page: '/notify' };
    await client.code2session('code-1');
    await client.createOrder(order);
    await client.getOrder(ORDER.orderId);
    await client.closeOrder(ORDER.orderId);
    await client.refund(ORDER.orderId, { outRefundNo: 'r1', amount: 50 });
    await client.getAgreement('agr_bbbbbbbbbbbbbbbbbbbb');
    expect((await client.chargeDebit(debit)).status).toBe('paid');
    await client.sendSubscribeMessage(message);
    expect(calls().map(({ method, path, body }) => [method, path, body])).toEqual([
      ['POST', '/openapi/v1/auth/code2session', { code: 'code-1' }],
      ['POST', '/openapi/v1/payments/orders', order],
      ['GET', `/openapi/v1/payments/orders/${ORDER.orderId}`, undefined],
      ['POST', `/openapi/v1/payments/orders/${ORDER.orderId}/close`, {}],
      ['POST', `/openapi/v1/payments/orders/${ORDER.orderId}/refunds`, { outRefundNo: 'r1', amount: 50 }],
      ['GET', '/openapi/v1/payments/agreements/agr_bbbbbbbbbbbbbbbbbbbb', undefined],
      ['POST', '/openapi/v1/payments/debits', debit],
      ['POST', '/openapi/v1/messages/subscribe', message],
    ]);
  });

  it("passes the platform's refusal on with its code and status", async () => {
    const { client } = setup(() => json(409, { error: { code: 'refund_exceeds_paid', message: 'Too much' } }));
    const err = await client.refund(ORDER.orderId, { outRefundNo: 'r1', amount: 500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenApiError);
    expect(err).toMatchObject({ status: 409, code: 'refund_exceeds_paid', message: 'Too much' });
  });

  it('calls an unreachable platform unavailable and an undocumented answer internal', async () => {
    const down = setup(() => {
      throw new TypeError('fetch failed');
    });
    await expect(down.client.getOrder(ORDER.orderId)).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    const odd = setup(() => json(200, { surprise: true }));
    await expect(odd.client.getOrder(ORDER.orderId)).rejects.toMatchObject({ status: 502, code: 'internal' });
    const html = setup(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    await expect(html.client.getOrder(ORDER.orderId)).rejects.toMatchObject({ status: 502, code: 'unavailable' });
  });
});
