import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_TOLERANCE_SECONDS, WebhookEventSchema, type WebhookEvent } from '@app/shared';
import { miniapps } from '@app/server/miniapps/miniapps.tables';
import { ownDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { api } from '../support/factories';
import { expectLedgerBalanced } from '../support/ledger';
import { buildMiniApp, buildPayer, paidOrder, TEST_PIN, type TestMiniApp } from '../support/miniapps';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

let server: TestServer;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Per path: the statuses to answer, in order (the last one repeats); 200 when unset. */
const answers = new Map<string, number[]>();
const delays = new Map<string, number>();

// Delivery runs act on every due event, and this file moves the clock a day ahead: a database of its own.
let database: Awaited<ReturnType<typeof ownDatabase>>;
beforeAll(async () => {
  database = await ownDatabase('webhooks');
  server = await startTestServer({ databaseUrl: database.url, webhooks: { batch: 1000 } });
  receiver = createServer((req, res) => {
    let rawBody = '';
    req.on('data', (c) => (rawBody += String(c)));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, rawBody });
      const queue = answers.get(path) ?? [200];
      const status = queue.length > 1 ? queue.shift()! : queue[0]!;
      setTimeout(() => res.writeHead(status).end('ok'), delays.get(path) ?? 0);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await expectLedgerBalanced(server.app);
  await new Promise((resolve) => receiver.close(resolve));
  await server.close();
  await database.drop();
});

/** What a receiver must do (DESIGN §6): recompute the HMAC over `t.rawBody`, compare in constant time, check age. */
function verify(secret: string, header: string | undefined, rawBody: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function appWithHook(name: string): Promise<{ app: TestMiniApp; path: string }> {
  const path = `/hook/${name}-${randomUUID().slice(0, 8)}`;
  return { app: await buildMiniApp(server, { name, webhookUrl: `${receiverUrl}${path}` }), path };
}
const at = (path: string) => received.filter((r) => r.path === path);
const eventOf = (r: Received): WebhookEvent => WebhookEventSchema.parse(JSON.parse(r.rawBody));
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe('webhook delivery', () => {
  it('POSTs signed events for payments, refunds and debits', async () => {
    const { app, path } = await appWithHook('Signed');
    const payer = await buildPayer(server, 5_000);
    const orderId = await paidOrder(server, app, payer, 800);
    await api(server.url, 'POST', `/openapi/v1/payments/orders/${orderId}/refunds`, {
      token: app.token,
      body: { outRefundNo: 'wr1', amount: 200 },
    });
    await api(server.url, 'PUT', '/api/me/consents', {
      token: payer.accessToken,
      body: { appId: app.appId, scope: 'payment.debit', granted: true },
    });
    const agreement = await api(server.url, 'POST', '/api/payments/agreements', {
      token: payer.accessToken,
      body: { appId: app.appId, monthlyLimitFen: 1_000, description: 'Rides', pin: TEST_PIN },
      headers: { 'idempotency-key': randomUUID() },
    });
    await api(server.url, 'POST', '/openapi/v1/payments/debits', {
      token: app.token,
      body: { agreementId: agreement.body.agreementId, outTradeNo: 'wd1', amount: 300 },
    });
    await server.app.payments.deliverDue();
    const got = at(path);
    expect(got).toHaveLength(3);
    for (const r of got) {
      expect(verify(app.appSecret, r.headers['x-signature'] as string, r.rawBody)).toBe(true);
      expect(verify(`${app.appSecret}x`, r.headers['x-signature'] as string, r.rawBody)).toBe(false);
      expect(r.headers['content-type']).toContain('application/json');
      expect(r.headers['x-event-id']).toBe(eventOf(r).id);
    }
    // Delivered in parallel: find each by type.
    const byType = new Map(got.map(eventOf).map((e) => [e.type, e]));
    const [paid, refunded, debited] = ['payment.succeeded', 'refund.succeeded', 'debit.succeeded'].map((t) =>
      byType.get(t as WebhookEvent['type']),
    );
    expect(paid).toMatchObject({
      type: 'payment.succeeded',
      appId: app.appId,
      data: { order: { orderId, status: 'paid', amount: 800 } },
    });
    expect(refunded).toMatchObject({
      type: 'refund.succeeded',
      data: { order: { orderId, refundedAmount: 200 }, refund: { outRefundNo: 'wr1', amount: 200 } },
    });
    expect(debited).toMatchObject({
      data: { order: { outTradeNo: 'wd1', status: 'paid', amount: 300, agreementId: agreement.body.agreementId } },
    });
    const list = await api(server.url, 'GET', `/api/dev/apps/${app.appId}/webhooks`, { token: app.owner.accessToken });
    expect(list.body.deliveries).toHaveLength(3);
    for (const d of list.body.deliveries)
      expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    expect(
      (await api(server.url, 'GET', `/api/dev/apps/${app.appId}/webhooks`, { token: payer.accessToken })).status,
    ).toBe(404);
  });

  it('retries with backoff after a 500, with the same event id', async () => {
    const { app, path } = await appWithHook('Flaky');
    answers.set(path, [500, 200]);
    const payer = await buildPayer(server, 1_000);
    await paidOrder(server, app, payer, 100);
    await server.app.payments.deliverDue();
    expect(at(path)).toHaveLength(1);
    const [failed] = (
      await api(server.url, 'GET', `/api/dev/apps/${app.appId}/webhooks`, { token: app.owner.accessToken })
    ).body.deliveries;
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    expect(failed.lastError).toContain('500');
    expect(Date.parse(failed.nextAttemptAt)).toBeGreaterThan(Date.now() + 5_000);
    await server.app.payments.deliverDue(); // not due yet
    expect(at(path)).toHaveLength(1);
    await server.app.payments.deliverDue(later(11)); // the first backoff step is 10 s
    const [first, second] = at(path);
    expect(second).toBeDefined();
    expect(eventOf(second!).id).toBe(eventOf(first!).id);
    expect(second!.headers['x-event-id']).toBe(first!.headers['x-event-id']);
    expect(verify(app.appSecret, second!.headers['x-signature'] as string, second!.rawBody)).toBe(true);
    const [done] = (
      await api(server.url, 'GET', `/api/dev/apps/${app.appId}/webhooks`, { token: app.owner.accessToken })
    ).body.deliveries;
    expect(done).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, nextAttemptAt: null });
  });

  it('gives up 24 h after the event', async () => {
    const { app, path } = await appWithHook('Down');
    answers.set(path, [503]);
    const payer = await buildPayer(server, 1_000);
    await paidOrder(server, app, payer, 100);
    await server.app.payments.deliverDue();
    await server.app.payments.deliverDue(later(25 * 3600));
    expect(at(path)).toHaveLength(2);
    const [gone] = (
      await api(server.url, 'GET', `/api/dev/apps/${app.appId}/webhooks`, { token: app.owner.accessToken })
    ).body.deliveries;
    expect(gone).toMatchObject({ status: 'failed', attempts: 2, lastStatus: 503, nextAttemptAt: null });
  });

  it('two concurrent delivery runs POST each event once', async () => {
    const { app, path } = await appWithHook('Busy');
    delays.set(path, 150);
    const payer = await buildPayer(server, 10_000);
    for (let i = 0; i < 6; i++) await paidOrder(server, app, payer, 100 + i);
    await Promise.all([server.app.payments.deliverDue(), server.app.payments.deliverDue()]);
    const ids = at(path).map((r) => eventOf(r).id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('an app whose secret predates sealing fails clearly until the developer rotates it', async () => {
    const { app, path } = await appWithHook('Legacy');
    await server.app.database.db.update(miniapps).set({ secretSealed: null }).where(eq(miniapps.appId, app.appId));
    const payer = await buildPayer(server, 1_000);
    await paidOrder(server, app, payer, 100);
    await server.app.payments.deliverDue();
    expect(at(path)).toHaveLength(0);
    const [stuck] = (
      await api(server.url, 'GET', `/api/dev/apps/${app.appId}/webhooks`, { token: app.owner.accessToken })
    ).body.deliveries;
    expect(stuck).toMatchObject({ status: 'pending', lastStatus: null });
    expect(stuck.lastError).toMatch(/rotate/i);
    const rotated = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/secret`, {
      token: app.owner.accessToken,
    });
    await server.app.payments.deliverDue(later(11));
    const [r] = at(path);
    expect(r).toBeDefined();
    expect(verify(rotated.body.appSecret, r!.headers['x-signature'] as string, r!.rawBody)).toBe(true);
  });
});
