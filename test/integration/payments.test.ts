import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { paymentOrders } from '@app/server/payments/payments.tables';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser } from '../support/factories';
import { expectLedgerBalanced } from '../support/ledger';
import {
  balanceOf,
  buildMiniApp,
  buildPayer,
  createOrder,
  openIdOf,
  paidOrder,
  payOrder,
  TEST_PIN,
  type TestMiniApp,
} from '../support/miniapps';

let server: TestServer;
let shop: TestMiniApp;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  shop = await buildMiniApp(server, { name: 'Noodle shop' });
});
afterAll(async () => {
  await expectLedgerBalanced(server.app);
  await server.close();
});

const outTradeNo = () => `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const query = (orderId: string, app = shop) =>
  api(server.url, 'GET', `/openapi/v1/payments/orders/${orderId}`, { token: app.token });
const refund = (orderId: string, body: Record<string, unknown>) =>
  api(server.url, 'POST', `/openapi/v1/payments/orders/${orderId}/refunds`, { token: shop.token, body });

describe('creating orders (Open API)', () => {
  it('is idempotent on outTradeNo: the same fields give the same order, different fields a conflict', async () => {
    const user = await buildUser(server.url);
    const openId = await openIdOf(server, shop, user);
    const body = { outTradeNo: outTradeNo(), openId, amount: 1_250, description: 'Beef noodles' };
    const first = await createOrder(server, shop, body);
    expect(first.status).toBe(201);
    expect(first.body.orderId).toMatch(/^ord_/);
    expect(Date.parse(first.body.expiresAt)).toBeGreaterThan(Date.now() + 25 * 60_000);
    const again = await createOrder(server, shop, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await createOrder(server, shop, { ...body, amount: 1 });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    expect((await query(first.body.orderId)).body).toMatchObject({
      orderId: first.body.orderId,
      outTradeNo: body.outTradeNo,
      openId,
      amount: 1_250,
      refundedAmount: 0,
      status: 'pending',
      agreementId: null,
      paidAt: null,
    });
  });

  it("refuses another app's openId, unknown openIds, bad amounts, and other apps' orders", async () => {
    const other = await buildMiniApp(server, { name: 'Other' });
    const user = await buildUser(server.url);
    const theirs = await openIdOf(server, other, user);
    const res = await createOrder(server, shop, {
      outTradeNo: outTradeNo(),
      openId: theirs,
      amount: 100,
      description: 'x',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const mine = await openIdOf(server, shop, user);
    for (const amount of [0, -5, 1.5, '100', 5_000_001]) {
      const bad = await createOrder(server, shop, { outTradeNo: outTradeNo(), openId: mine, amount, description: 'x' });
      expect(bad.status, String(amount)).toBe(400);
    }
    const order = await createOrder(server, shop, {
      outTradeNo: outTradeNo(),
      openId: mine,
      amount: 100,
      description: 'x',
    });
    expect((await query(order.body.orderId, other)).status).toBe(404);
    expect((await api(server.url, 'GET', `/openapi/v1/payments/orders/${order.body.orderId}`)).status).toBe(401);
    expect(
      (await api(server.url, 'GET', `/openapi/v1/payments/orders/${order.body.orderId}`, { token: user.accessToken }))
        .body.error.code,
    ).toBe('token_invalid');
  });
});

describe('the cashier (host API)', () => {
  it('shows the server-side order to its own person only, and pays it with the right PIN', async () => {
    const payer = await buildPayer(server, 10_000);
    const stranger = await buildPayer(server, 10_000);
    const openId = await openIdOf(server, shop, payer);
    const { body } = await createOrder(server, shop, {
      outTradeNo: outTradeNo(),
      openId,
      amount: 2_300,
      description: 'Dumplings',
    });
    const cashier = await api(server.url, 'GET', `/api/payments/orders/${body.orderId}`, { token: payer.accessToken });
    expect(cashier.body.order).toMatchObject({
      orderId: body.orderId,
      appId: shop.appId,
      appName: 'Noodle shop',
      amountFen: 2_300,
      description: 'Dumplings',
      status: 'pending',
    });
    // Never leak other people's orders.
    expect(
      (await api(server.url, 'GET', `/api/payments/orders/${body.orderId}`, { token: stranger.accessToken })).status,
    ).toBe(404);
    expect((await payOrder(server, stranger, body.orderId)).status).toBe(404);
    // The amount comes from the order only: the pay body takes nothing but the PIN.
    const sneaky = await api(server.url, 'POST', `/api/payments/orders/${body.orderId}/pay`, {
      token: payer.accessToken,
      body: { pin: TEST_PIN, amountFen: 1 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(sneaky.status).toBe(400);
    const noKey = await api(server.url, 'POST', `/api/payments/orders/${body.orderId}/pay`, {
      token: payer.accessToken,
      body: { pin: TEST_PIN },
    });
    expect(noKey.body.error.code).toBe('idempotency_key_missing');

    const wrong = await payOrder(server, payer, body.orderId, '000000');
    expect(wrong.body.error).toMatchObject({ code: 'pin_wrong', details: { triesLeft: 4 } });
    expect(await balanceOf(server, payer)).toBe(10_000);
    const paid = await payOrder(server, payer, body.orderId);
    expect(paid.status).toBe(200);
    expect(paid.body.order).toMatchObject({ status: 'paid', amountFen: 2_300 });
    expect(await balanceOf(server, payer)).toBe(7_700);
    expect((await query(body.orderId)).body).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
    const twice = await payOrder(server, payer, body.orderId);
    expect(twice.body.error.code).toBe('order_not_payable');
    expect(await balanceOf(server, payer)).toBe(7_700);
  });

  it('20 concurrent pays of one order make exactly one payment', async () => {
    const payer = await buildPayer(server, 50_000);
    const openId = await openIdOf(server, shop, payer);
    const { body } = await createOrder(server, shop, {
      outTradeNo: outTradeNo(),
      openId,
      amount: 999,
      description: 'Tea',
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => payOrder(server, payer, body.orderId)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) expect(r.body.error.code).toBe('order_not_payable');
    expect(await balanceOf(server, payer)).toBe(50_000 - 999);
    const lines = await api(server.url, 'GET', '/api/wallet/statement', { token: payer.accessToken });
    expect(lines.body.lines.filter((l: { kind: string }) => l.kind === 'payment')).toHaveLength(1);
  }, 60_000);

  it('refuses expired and closed orders, and an order larger than the wallet', async () => {
    const payer = await buildPayer(server, 1_000);
    const openId = await openIdOf(server, shop, payer);
    const expired = await createOrder(server, shop, {
      outTradeNo: outTradeNo(),
      openId,
      amount: 100,
      description: 'Old',
    });
    await server.app.database.db
      .update(paymentOrders)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(paymentOrders.id, expired.body.orderId));
    expect((await payOrder(server, payer, expired.body.orderId)).body.error.code).toBe('order_not_payable');
    expect((await query(expired.body.orderId)).body.status).toBe('closed');

    const closed = await createOrder(server, shop, {
      outTradeNo: outTradeNo(),
      openId,
      amount: 100,
      description: 'Gone',
    });
    const close = await api(server.url, 'POST', `/openapi/v1/payments/orders/${closed.body.orderId}/close`, {
      token: shop.token,
    });
    expect(close.body).toMatchObject({ status: 'closed' });
    expect((await payOrder(server, payer, closed.body.orderId)).body.error.code).toBe('order_not_payable');

    const big = await createOrder(server, shop, {
      outTradeNo: outTradeNo(),
      openId,
      amount: 1_001,
      description: 'Big',
    });
    expect((await payOrder(server, payer, big.body.orderId)).body.error.code).toBe('insufficient_funds');
    expect((await query(big.body.orderId)).body.status).toBe('pending'); // rolled back with the money
    expect(await balanceOf(server, payer)).toBe(1_000);
  });

  it('close works on pending orders only', async () => {
    const payer = await buildPayer(server, 1_000);
    const orderId = await paidOrder(server, shop, payer, 300);
    const res = await api(server.url, 'POST', `/openapi/v1/payments/orders/${orderId}/close`, { token: shop.token });
    expect(res.body.error.code).toBe('wrong_state');
  });
});

describe('refunds', () => {
  it('refunds in parts, idempotent on outRefundNo, never more than paid; full refund → refunded', async () => {
    const payer = await buildPayer(server, 5_000);
    const orderId = await paidOrder(server, shop, payer, 1_000);
    const first = await refund(orderId, { outRefundNo: 'r1', amount: 300, reason: 'Cold noodles' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ orderId, outRefundNo: 'r1', amount: 300, status: 'succeeded' });
    const replay = await refund(orderId, { outRefundNo: 'r1', amount: 300, reason: 'Cold noodles' });
    expect(replay.status).toBe(200);
    expect(replay.body.refundId).toBe(first.body.refundId);
    expect((await refund(orderId, { outRefundNo: 'r1', amount: 301 })).body.error.code).toBe('conflict');
    expect(await balanceOf(server, payer)).toBe(4_300);

    const over = await refund(orderId, { outRefundNo: 'r2', amount: 701 });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('refund_exceeds_paid');
    expect((await query(orderId)).body).toMatchObject({ status: 'paid', refundedAmount: 300 });
    expect((await refund(orderId, { outRefundNo: 'r3', amount: 700 })).status).toBe(201);
    expect((await query(orderId)).body).toMatchObject({ status: 'refunded', refundedAmount: 1_000 });
    expect(await balanceOf(server, payer)).toBe(5_000);
    expect((await refund(orderId, { outRefundNo: 'r4', amount: 1 })).body.error.code).toBe('refund_exceeds_paid');

    const pending = await createOrder(server, shop, {
      outTradeNo: outTradeNo(),
      openId: await openIdOf(server, shop, payer),
      amount: 100,
      description: 'Unpaid',
    });
    expect((await refund(pending.body.orderId, { outRefundNo: 'r5', amount: 1 })).body.error.code).toBe('wrong_state');
  });

  it('10 concurrent refunds never add up to more than was paid', async () => {
    const payer = await buildPayer(server, 5_000);
    const orderId = await paidOrder(server, shop, payer, 1_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => refund(orderId, { outRefundNo: `c${i}_${orderId.slice(-6)}`, amount: 300 })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of results.filter((r) => r.status !== 201)) expect(r.body.error.code).toBe('refund_exceeds_paid');
    expect((await query(orderId)).body).toMatchObject({ status: 'paid', refundedAmount: 900 });
    expect(await balanceOf(server, payer)).toBe(4_900);
  });
});

describe('the merchant account (developer portal)', () => {
  it('shows the balance and journal, newest first and paged, to the owner only', async () => {
    const app = await buildMiniApp(server, { name: 'Bakery' });
    const payer = await buildPayer(server, 5_000);
    const a = await paidOrder(server, app, payer, 400);
    await paidOrder(server, app, payer, 250);
    await api(server.url, 'POST', `/openapi/v1/payments/orders/${a}/refunds`, {
      token: app.token,
      body: { outRefundNo: 'bake1', amount: 100 },
    });
    const page = await api(server.url, 'GET', `/api/dev/apps/${app.appId}/merchant?limit=2`, {
      token: app.owner.accessToken,
    });
    expect(page.body.balanceFen).toBe(550);
    expect(page.body.lines).toMatchObject([
      { kind: 'refund', amountFen: -100, balanceAfterFen: 550 },
      { kind: 'payment', amountFen: 250, balanceAfterFen: 650 },
    ]);
    const older = await api(server.url, 'GET', `/api/dev/apps/${app.appId}/merchant?cursor=${page.body.nextCursor}`, {
      token: app.owner.accessToken,
    });
    expect(older.body).toMatchObject({ lines: [{ kind: 'payment', amountFen: 400 }], nextCursor: null });
    expect(
      (await api(server.url, 'GET', `/api/dev/apps/${app.appId}/merchant`, { token: payer.accessToken })).status,
    ).toBe(404);
  });
});
