import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { api, type BuiltUser } from '../support/factories';
import { expectLedgerBalanced } from '../support/ledger';
import { balanceOf, buildMiniApp, buildPayer, TEST_PIN, type TestMiniApp } from '../support/miniapps';

let server: TestServer;
let transit: TestMiniApp;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  transit = await buildMiniApp(server, { name: 'Metro' });
});
afterAll(async () => {
  await expectLedgerBalanced(server.app);
  await server.close();
});

const grant = (user: BuiltUser, granted = true, appId = transit.appId) =>
  api(server.url, 'PUT', '/api/me/consents', {
    token: user.accessToken,
    body: { appId, scope: 'payment.debit', granted },
  });
const sign = (user: BuiltUser, monthlyLimitFen: number, pin = TEST_PIN) =>
  api(server.url, 'POST', '/api/payments/agreements', {
    token: user.accessToken,
    body: { appId: transit.appId, monthlyLimitFen, description: 'Metro rides', pin },
    headers: { 'idempotency-key': randomUUID() },
  });
const debit = (agreementId: string, amount: number, outTradeNo = `ride_${randomUUID().slice(0, 13)}`) =>
  api(server.url, 'POST', '/openapi/v1/payments/debits', {
    token: transit.token,
    body: { agreementId, outTradeNo, amount, description: 'Ride' },
  });

async function signed(balanceFen: number, limitFen: number) {
  const user = await buildPayer(server, balanceFen);
  await grant(user);
  const res = await sign(user, limitFen);
  expect(res.status).toBe(201);
  return { user, agreementId: res.body.agreementId as string };
}

describe('signing a debit agreement', () => {
  it('needs the payment.debit scope granted, then the PIN', async () => {
    const user = await buildPayer(server, 0);
    expect((await sign(user, 10_000)).body.error.code).toBe('scope_denied'); // never asked
    await grant(user, false);
    expect((await sign(user, 10_000)).body.error.code).toBe('scope_denied'); // denied
    await grant(user, true);
    expect((await sign(user, 10_000, '000000')).body.error.code).toBe('pin_wrong');
    const ok = await sign(user, 10_000);
    expect(ok.status).toBe(201);
    expect(ok.body.agreementId).toMatch(/^agr_/);
    const seen = await api(server.url, 'GET', `/openapi/v1/payments/agreements/${ok.body.agreementId}`, {
      token: transit.token,
    });
    expect(seen.body).toMatchObject({
      agreementId: ok.body.agreementId,
      openId: expect.stringMatching(/^o/),
      monthlyLimit: 10_000,
      usedThisMonth: 0,
      status: 'active',
    });
    const other = await buildMiniApp(server, { name: 'Not metro' });
    expect(
      (await api(server.url, 'GET', `/openapi/v1/payments/agreements/${ok.body.agreementId}`, { token: other.token }))
        .status,
    ).toBe(404);
  });
});

describe('charging an agreement', () => {
  it('charges without a PIN within the monthly limit, idempotent on outTradeNo, and refuses past it', async () => {
    const { user, agreementId } = await signed(10_000, 1_000);
    const first = await debit(agreementId, 400, 'ride_1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'paid', amount: 400, agreementId, outTradeNo: 'ride_1' });
    const replay = await debit(agreementId, 400, 'ride_1');
    expect(replay.status).toBe(200);
    expect(replay.body.orderId).toBe(first.body.orderId);
    expect((await debit(agreementId, 401, 'ride_1')).body.error.code).toBe('conflict');
    expect((await debit(agreementId, 600)).status).toBe(201);
    const over = await debit(agreementId, 1);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('debit_limit_exceeded');
    expect(await balanceOf(server, user)).toBe(9_000);
    const seen = await api(server.url, 'GET', `/openapi/v1/payments/agreements/${agreementId}`, {
      token: transit.token,
    });
    expect(seen.body.usedThisMonth).toBe(1_000);
  });

  it('concurrent charges never pass the limit together', async () => {
    const { user, agreementId } = await signed(10_000, 1_000);
    const results = await Promise.all(Array.from({ length: 12 }, () => debit(agreementId, 300)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of results.filter((r) => r.status !== 201)) expect(r.body.error.code).toBe('debit_limit_exceeded');
    expect(await balanceOf(server, user)).toBe(9_100);
  });

  it('fails with insufficient_funds when the wallet is short, moving nothing', async () => {
    const { user, agreementId } = await signed(100, 1_000);
    expect((await debit(agreementId, 101)).body.error.code).toBe('insufficient_funds');
    expect(await balanceOf(server, user)).toBe(100);
  });

  it('the person lists and cancels agreements; a cancelled agreement cannot be charged', async () => {
    const { user, agreementId } = await signed(1_000, 1_000);
    await debit(agreementId, 50);
    const list = await api(server.url, 'GET', '/api/payments/agreements', { token: user.accessToken });
    expect(list.body.agreements).toMatchObject([
      { agreementId, appId: transit.appId, appName: 'Metro', monthlyLimitFen: 1_000, usedThisMonthFen: 50 },
    ]);
    const stranger = await buildPayer(server, 0);
    expect(
      (await api(server.url, 'DELETE', `/api/payments/agreements/${agreementId}`, { token: stranger.accessToken }))
        .status,
    ).toBe(404);
    expect(
      (await api(server.url, 'DELETE', `/api/payments/agreements/${agreementId}`, { token: user.accessToken })).status,
    ).toBe(204);
    expect((await debit(agreementId, 50)).body.error.code).toBe('wrong_state');
    expect(
      (await api(server.url, 'GET', '/api/payments/agreements', { token: user.accessToken })).body.agreements[0].status,
    ).toBe('cancelled');
  });
});
