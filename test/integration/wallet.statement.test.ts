import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { api } from '../support/factories';
import { expectLedgerBalanced } from '../support/ledger';
import { buildMiniApp, buildPayer, paidOrder, TEST_PIN, type TestMiniApp } from '../support/miniapps';

/**
 * The wallet statement names the mini-program behind a payment, an automatic debit and a refund (from the registry,
 * not from text the app wrote), so the client can label them in the person's language.
 */
let server: TestServer;
let noodles: TestMiniApp;
let metro: TestMiniApp;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  noodles = await buildMiniApp(server, { name: 'Noodle shop' });
  metro = await buildMiniApp(server, { name: 'Metro' });
});
afterAll(async () => {
  await expectLedgerBalanced(server.app);
  await server.close();
});

describe('wallet statement of mini-program money', () => {
  it('carries the app and the order description on payment, debit and refund lines, and nothing on others', async () => {
    const user = await buildPayer(server, 10_000);
    const orderId = await paidOrder(server, noodles, user, 1_250);
    const refund = await api(server.url, 'POST', `/openapi/v1/payments/orders/${orderId}/refunds`, {
      token: noodles.token,
      body: { outRefundNo: `r_${randomUUID().slice(0, 12)}`, amount: 250 },
    });
    expect(refund.status).toBe(201);
    await api(server.url, 'PUT', '/api/me/consents', {
      token: user.accessToken,
      body: { appId: metro.appId, scope: 'payment.debit', granted: true },
    });
    const signed = await api(server.url, 'POST', '/api/payments/agreements', {
      token: user.accessToken,
      body: { appId: metro.appId, monthlyLimitFen: 5_000, description: 'Metro rides', pin: TEST_PIN },
      headers: { 'idempotency-key': randomUUID() },
    });
    const debit = await api(server.url, 'POST', '/openapi/v1/payments/debits', {
      token: metro.token,
      body: { agreementId: signed.body.agreementId, outTradeNo: `ride_${randomUUID().slice(0, 8)}`, amount: 300 },
    });
    expect(debit.status).toBe(201);

    const statement = await api(server.url, 'GET', '/api/wallet/statement', { token: user.accessToken });
    const lines = statement.body.lines.map((l: Record<string, unknown>) => ({
      kind: l.kind,
      amountFen: l.amountFen,
      memo: l.memo,
      app: l.app,
    }));
    expect(lines).toEqual([
      { kind: 'debit', amountFen: -300, memo: 'Metro rides', app: { appId: metro.appId, name: 'Metro' } },
      { kind: 'refund', amountFen: 250, memo: 'Test order', app: { appId: noodles.appId, name: 'Noodle shop' } },
      { kind: 'payment', amountFen: -1_250, memo: 'Test order', app: { appId: noodles.appId, name: 'Noodle shop' } },
      { kind: 'topup', amountFen: 10_000, memo: 'Sandbox card', app: null },
    ]);
  });

  it('names the right app on every line of a long, paged statement', async () => {
    const user = await buildPayer(server, 10_000);
    for (let i = 0; i < 6; i++) await paidOrder(server, i % 2 ? metro : noodles, user, 10 + i);
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(server.url, 'GET', `/api/wallet/statement?limit=4${cursor ? `&cursor=${cursor}` : ''}`, {
        token: user.accessToken,
      });
      for (const line of page.body.lines as Array<{ kind: string; amountFen: number; app: { name: string } | null }>)
        if (line.kind === 'payment') names.push(`${line.app?.name} ${line.amountFen}`);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual([
      'Metro -15',
      'Noodle shop -14',
      'Metro -13',
      'Noodle shop -12',
      'Metro -11',
      'Noodle shop -10',
    ]);
  });
});
