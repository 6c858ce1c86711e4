import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildHelloPackage } from '@app/miniapp-hello/package';
import { startHelloServer, type HelloServer } from '@app/miniapp-hello/server';
import { signWebhook } from '@app/miniapp-sdk/webhook';
import { appOrigin } from '@app/server/miniapps/miniapps.hosting';
import { publishThroughPipeline } from '@app/server/bundled/bundled.publish';
import { users } from '@app/server/users/users.tables';
import { freePort } from '../support/process';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';
import { expectLedgerBalanced } from '../support/ledger';
import { appTokenOf, balanceOf, buildPayer, payOrder } from '../support/miniapps';

/**
 * The bundled Hello app end to end: the real platform on Postgres and Hello's real backend (its own HTTP server,
 * talking to the platform only over the Open API), Hello published through the registry pipeline, then login →
 * order → pay → signed webhook → refund → refund webhook → subscribe message.
 */

let server: TestServer;
let hello: HelloServer;
let workDir: string;
let appId: string;
let appSecret: string;
let helloPort: number;
let origin: string;
let developer: BuiltUser;

/** GET a launch URL the way a browser would (Node cannot resolve `*.apps.localhost`): loopback + its Host header. */
function getFromAppsOrigin(url: string): Promise<{ status: number; csp: string; body: string }> {
  const { host, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.app.appsPort(), path: pathname, headers: { host } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += String(c)));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, csp: String(res.headers['content-security-policy']), body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A call to Hello's backend as its page makes it (from the app's own origin, with the session token). */
const helloApi = (method: string, route: string, options: { token?: string; body?: unknown } = {}) =>
  api(hello.url, method, route, { ...options, headers: { origin } });

async function logIn(user: BuiltUser): Promise<{ token: string; openId: string }> {
  const code = await api(server.url, 'POST', '/api/bridge/login-code', { token: user.accessToken, body: { appId } });
  expect(code.status).toBe(200);
  const session = await helloApi('POST', '/api/session', { body: { code: code.body.code } });
  expect(session.status).toBe(200);
  return session.body;
}

beforeAll(async () => {
  // Webhook delivery is driven by hand (jobs off); a big batch because other files' events share the database.
  server = await startTestServer({ databaseUrl: inject('databaseUrl'), webhooks: { batch: 1000 } });
  developer = await buildUser(server.url);
  const admin = await buildUser(server.url);
  await server.app.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.user.id));

  helloPort = await freePort();
  workDir = await mkdtemp(path.join(tmpdir(), 'hello-pkg-'));
  const pkg = await buildHelloPackage({ outDir: path.join(workDir, 'web'), zipFile: path.join(workDir, 'hello.zip') });
  const registry = server.app.miniApps;
  ({
    app: { appId },
    appSecret,
  } = await registry.create(developer.user.id, { name: 'Hello', category: 'tools', description: 'Says hello' }));
  await registry.update(developer.user.id, appId, {
    webhookUrl: `http://127.0.0.1:${helloPort}/webhooks`,
    domains: [`http://localhost:${helloPort}`],
    launchConfig: { backendUrl: `http://localhost:${helloPort}` },
  });
  await publishThroughPipeline(registry, {
    appId,
    ownerId: developer.user.id,
    reviewerId: admin.user.id,
    zip: pkg.zip,
  });
  origin = appOrigin(appId, server.app.config.appsDomain, server.app.appsPort());
  hello = await startHello();
}, 120_000);

/** Hello's backend on the platform's Postgres (its own schema app_hello), as `pnpm start` runs it with DATABASE_URL. */
const startHello = () =>
  startHelloServer({
    platformUrl: server.url,
    appId,
    appSecret,
    port: helloPort,
    allowedOrigin: origin,
    database: { databaseUrl: inject('databaseUrl') },
    log: () => undefined,
  });

afterAll(async () => {
  await expectLedgerBalanced(server.app);
  await hello?.close();
  await server?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('Hello, published through the registry pipeline', () => {
  it('is in the directory, launches, and its page is served from its own origin with its backend in connect-src and in the launch config', async () => {
    const person = await buildUser(server.url);
    const directory = await api(server.url, 'GET', '/api/miniapps', { token: person.accessToken });
    expect(directory.body.apps).toContainEqual(expect.objectContaining({ appId, name: 'Hello' }));

    const launch = await api(server.url, 'GET', `/api/miniapps/${appId}/launch?path=/pay`, {
      token: person.accessToken,
    });
    // The page learns where its backend is at launch; nothing in the package names a port.
    expect(launch.body).toMatchObject({
      origin,
      version: '1.0.0',
      scopes: ['profile'],
      config: { backendUrl: `http://localhost:${helloPort}` },
    });
    const page = await getFromAppsOrigin(launch.body.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" crossorigin src="./assets/');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts under script-src 'self'
    expect(page.csp).toContain(`connect-src 'self' http://localhost:${helloPort}`);
    expect((await getFromAppsOrigin(new URL('config.json', launch.body.url).toString())).status).toBe(404);
  });

  it("answers CORS for the app's own origin only", async () => {
    const preflight = (from: string) =>
      fetch(`${hello.url}/api/orders`, {
        method: 'OPTIONS',
        headers: { origin: from, 'access-control-request-method': 'POST' },
      });
    expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    expect(
      (await preflight('http://mpevil0000000.apps.localhost:3001')).headers.get('access-control-allow-origin'),
    ).toBe(null);
  });
});

describe('login, pay, webhook, refund', () => {
  it('trades a login code for a session, never trusting an openId from the page', async () => {
    const person = await buildUser(server.url);
    const { token, openId } = await logIn(person);
    expect(openId).toMatch(/^o/);
    expect(token).not.toContain(openId);
    // The same person gets the same openId again; a used or made-up code is refused by the platform.
    expect((await logIn(person)).openId).toBe(openId);
    const bad = await helloApi('POST', '/api/session', { body: { code: 'x'.repeat(32) } });
    expect(bad).toMatchObject({ status: 401, body: { error: { code: 'code_invalid' } } });
    // No session, no orders; an openId in the body is not a session.
    const anonymous = await helloApi('POST', '/api/orders', { body: { amountFen: 1, openId } });
    expect(anonymous.status).toBe(401);
  });

  it('creates the order on its backend, the person pays, the signed webhook marks it paid; a refund comes back the same way', async () => {
    const payer = await buildPayer(server, 500);
    const { token } = await logIn(payer);
    expect((await helloApi('POST', '/api/orders', { token, body: { amountFen: 101 } })).status).toBe(400);

    const created = await helloApi('POST', '/api/orders', { token, body: { amountFen: 1 } });
    expect(created.status).toBe(201);
    const { orderId } = created.body.order;
    expect(created.body.order).toMatchObject({ amountFen: 1, status: 'pending', events: [] });
    // The platform holds the same order, for the same person, with the amount the backend chose.
    const appToken = await appTokenOf(server, appId, appSecret);
    const platformOrder = await api(server.url, 'GET', `/openapi/v1/payments/orders/${orderId}`, { token: appToken });
    expect(platformOrder.body).toMatchObject({ amount: 1, status: 'pending' });

    // Someone else's session cannot see it.
    const other = await logIn(await buildUser(server.url));
    expect((await helloApi('GET', `/api/orders/${orderId}`, { token: other.token })).status).toBe(404);

    expect((await payOrder(server, payer, orderId)).status).toBe(200);
    // Paid on the platform, but the backend believes only the webhook, which has not been delivered yet.
    expect((await helloApi('GET', `/api/orders/${orderId}`, { token })).body.order.status).toBe('pending');
    await server.app.payments.deliverDue();
    const paid = (await helloApi('GET', `/api/orders/${orderId}`, { token })).body.order;
    expect(paid).toMatchObject({ status: 'paid', events: [{ type: 'payment.succeeded' }] });
    expect(paid.paidAt).toEqual(expect.any(String));
    expect(await balanceOf(server, payer)).toBe(499);
    expect((await hello.order(orderId))?.events).toHaveLength(1);

    const refund = await helloApi('POST', `/api/orders/${orderId}/refund`, { token });
    expect(refund.body.order).toMatchObject({ status: 'paid', refundRequested: true });
    await server.app.payments.deliverDue();
    const refunded = (await helloApi('GET', `/api/orders/${orderId}`, { token })).body.order;
    expect(refunded).toMatchObject({
      status: 'refunded',
      refundedFen: 1,
      events: [{ type: 'payment.succeeded' }, { type: 'refund.succeeded' }],
    });
    expect(await balanceOf(server, payer)).toBe(500);
    expect((await helloApi('POST', `/api/orders/${orderId}/refund`, { token })).status).toBe(409);

    // The developer portal shows both deliveries as delivered on the first attempt.
    const deliveries = await api(server.url, 'GET', `/api/dev/apps/${appId}/webhooks`, {
      token: developer.accessToken,
    });
    const ours = deliveries.body.deliveries.filter((d: { eventId: string }) =>
      refunded.events.some((e: { id: string }) => e.id === d.eventId),
    );
    expect(ours).toHaveLength(2);
    for (const d of ours) expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
  });

  it('ignores a replayed event, and refuses unsigned, stale or foreign ones', async () => {
    const payer = await buildPayer(server, 100);
    const { token } = await logIn(payer);
    const { orderId } = (await helloApi('POST', '/api/orders', { token, body: { amountFen: 2 } })).body.order;
    await payOrder(server, payer, orderId);
    await server.app.payments.deliverDue();
    const [first] = (await hello.order(orderId))!.events;
    const appToken = await appTokenOf(server, appId, appSecret);
    const order = (await api(server.url, 'GET', `/openapi/v1/payments/orders/${orderId}`, { token: appToken })).body;
    const event = {
      id: first!.id,
      type: 'payment.succeeded',
      appId,
      createdAt: new Date().toISOString(),
      data: { order },
    };

    const post = (rawBody: string, signatureHeader: string) =>
      fetch(`${hello.url}/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signatureHeader },
        body: rawBody,
      });
    const rawBody = JSON.stringify(event);
    const replay = await post(rawBody, signWebhook({ rawBody, secret: appSecret }));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect((await hello.order(orderId))!.events).toHaveLength(1);

    const fresh = JSON.stringify({ ...event, id: 'evt_forged0000000000000000', data: { order: { ...order } } });
    expect((await post(fresh, signWebhook({ rawBody: fresh, secret: 'not-the-app-secret-0123' }))).status).toBe(400);
    const stale = signWebhook({ rawBody: fresh, secret: appSecret, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect((await post(fresh, stale)).status).toBe(400);
    expect((await post(fresh, '')).status).toBe(400);
    const foreign = JSON.stringify({ ...event, id: 'evt_foreign000000000000000', appId: 'mpother00000' });
    expect((await post(foreign, signWebhook({ rawBody: foreign, secret: appSecret }))).status).toBe(400);
    expect((await hello.order(orderId))!.events).toHaveLength(1);
    // Refund it so the file leaves every payer whole.
    await helloApi('POST', `/api/orders/${orderId}/refund`, { token });
    await server.app.payments.deliverDue();
    expect((await hello.order(orderId))!.status).toBe('refunded');
  });
});

describe('a restart of the backend', () => {
  it('keeps sessions, orders and applied webhook events: Hello keeps them in its own schema app_hello', async () => {
    expect([hello.database.kind, hello.database.schemaName]).toEqual(['postgres', 'app_hello']);
    const payer = await buildPayer(server, 100);
    const { token } = await logIn(payer);
    const { orderId } = (await helloApi('POST', '/api/orders', { token, body: { amountFen: 3 } })).body.order;
    await payOrder(server, payer, orderId);
    await server.app.payments.deliverDue();
    const before = (await helloApi('GET', `/api/orders/${orderId}`, { token })).body.order;
    expect(before).toMatchObject({ status: 'paid', events: [{ type: 'payment.succeeded' }] });

    await hello.close();
    expect(await fetch(`${hello.url}/api/health`).catch(() => 'down')).toBe('down');
    hello = await startHello();

    // The session from before the restart still works, and the order is as it was.
    expect((await helloApi('GET', `/api/orders/${orderId}`, { token })).body.order).toEqual(before);
    // The event applied before the restart is still known: a redelivery is a duplicate.
    const appToken = await appTokenOf(server, appId, appSecret);
    const order = (await api(server.url, 'GET', `/openapi/v1/payments/orders/${orderId}`, { token: appToken })).body;
    const rawBody = JSON.stringify({
      id: before.events[0].id,
      type: 'payment.succeeded',
      appId,
      createdAt: new Date().toISOString(),
      data: { order },
    });
    const replay = await fetch(`${hello.url}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signWebhook({ rawBody, secret: appSecret }) },
      body: rawBody,
    });
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    // And the order goes on: refunded after the restart, the refund webhook lands on the persisted order.
    expect((await helloApi('POST', `/api/orders/${orderId}/refund`, { token })).status).toBe(200);
    await server.app.payments.deliverDue();
    expect((await helloApi('GET', `/api/orders/${orderId}`, { token })).body.order).toMatchObject({
      status: 'refunded',
      refundedFen: 3,
      events: [{ type: 'payment.succeeded' }, { type: 'refund.succeeded' }],
    });
    expect(await balanceOf(server, payer)).toBe(100);
  });
});

describe('subscribe messages', () => {
  it('sends one service message per accepted subscription', async () => {
    const person = await buildUser(server.url);
    const { token } = await logIn(person);
    expect((await helloApi('POST', '/api/notify', { token })).body.error.code).toBe('subscription_required');
    const decision = await api(server.url, 'POST', '/api/bridge/subscriptions', {
      token: person.accessToken,
      body: { appId, results: { hello_update: 'accept' } },
    });
    expect(decision.status).toBeLessThan(300);
    const sent = await helloApi('POST', '/api/notify', { token });
    expect(sent.status).toBe(200);
    expect(sent.body.messageId).toEqual(expect.any(String));
    expect((await helloApi('POST', '/api/notify', { token })).status).toBe(403);
  });
});
