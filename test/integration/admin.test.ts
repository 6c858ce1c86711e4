import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditPageSchema, type AuditEntry } from '@app/shared';
import { users } from '@app/server/users/users.tables';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';
import { expectLedgerBalanced } from '../support/ledger';
import {
  balanceOf,
  buildMiniApp,
  buildPayer,
  createOrder,
  openIdOf,
  paidOrder,
  payOrder,
  type TestMiniApp,
} from '../support/miniapps';

let server: TestServer;
let admin: BuiltUser;
let someone: BuiltUser;
let receiver: Server;
let receiverUrl: string;
const received: string[] = [];

beforeAll(async () => {
  // A big batch: the test database is shared with other files, whose events are due too.
  server = await startTestServer({ databaseUrl: inject('databaseUrl'), webhooks: { batch: 1000 } });
  someone = await buildUser(server.url);
  const a = await buildUser(server.url, { displayName: 'Audit Admin' });
  await server.app.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, a.user.id));
  const login = await api(server.url, 'POST', '/api/auth/login', {
    body: { username: a.user.username, password: a.password },
  });
  admin = { ...login.body, password: a.password };
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.url ?? '/');
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await expectLedgerBalanced(server.app);
  await new Promise((resolve) => receiver.close(resolve));
  await server.close();
});

const asAdmin = (method: string, path: string, body?: unknown) =>
  api(server.url, method, path, { token: admin.accessToken, body });
const suspend = (appId: string, reason: unknown = 'Fraud reports') =>
  asAdmin('POST', `/api/admin/apps/${appId}/suspend`, { reason });
const resume = (appId: string) => asAdmin('POST', `/api/admin/apps/${appId}/resume`, {});

const pkg = (version: string) =>
  zipSync({
    'miniapp.json': strToU8(JSON.stringify({ name: 'Shop', version, entry: 'index.html', scopes: [] })),
    'index.html': strToU8(`<!doctype html><title>v${version}</title>`),
  });

async function upload(app: TestMiniApp, version: string) {
  const res = await fetch(`${server.url}/api/dev/apps/${app.appId}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.owner.accessToken}`, 'content-type': 'application/zip' },
    body: Buffer.from(pkg(version)),
  });
  expect(res.status).toBe(201);
  const submitted = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/${version}/submit`, {
    token: app.owner.accessToken,
  });
  expect(submitted.status).toBe(200);
}

/** Uploads, approves and releases version 1.0.0 to everyone. */
async function publish(app: TestMiniApp) {
  await upload(app, '1.0.0');
  expect((await asAdmin('POST', `/api/admin/apps/${app.appId}/versions/1.0.0/approve`, {})).status).toBe(200);
  const released = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/1.0.0/release`, {
    token: app.owner.accessToken,
    body: { percent: 100 },
  });
  expect(released.status).toBe(200);
}

/** Status of a GET for the app's entry page on its own origin (as a browser framing it would ask). */
function hostedStatus(appId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.app.appsPort(),
        path: '/_v/1.0.0/index.html',
        headers: { host: `${appId}.apps.localhost` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const loginCode = (user: BuiltUser, appId: string) =>
  api(server.url, 'POST', '/api/bridge/login-code', { token: user.accessToken, body: { appId } });
const inDirectory = async (app: TestMiniApp, name: string) =>
  (
    await api(server.url, 'GET', `/api/miniapps?q=${encodeURIComponent(name)}`, { token: someone.accessToken })
  ).body.apps
    .map((a: { appId: string }) => a.appId)
    .includes(app.appId) as boolean;
const inRecent = async (app: TestMiniApp) =>
  (await api(server.url, 'GET', '/api/miniapps/recent', { token: someone.accessToken })).body.apps
    .map((a: { appId: string }) => a.appId)
    .includes(app.appId) as boolean;
const statusInAdminList = async (appId: string) =>
  (await asAdmin('GET', '/api/admin/apps')).body.apps.find((a: { appId: string }) => a.appId === appId)?.status;

/** Our app's audit entries, newest first, walking the shared log page by page. */
async function auditOf(appId: string): Promise<AuditEntry[]> {
  const mine: AuditEntry[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const res = await asAdmin('GET', `/api/admin/audit?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    const page = AuditPageSchema.parse(res.body);
    mine.push(...page.entries.filter((e) => e.targetId === appId || e.targetId.startsWith(`${appId}@`)));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return mine;
}

describe('admin access', () => {
  it('refuses non-admins on every admin route (403)', async () => {
    const app = await buildMiniApp(server);
    const as = (method: string, path: string, body?: unknown) =>
      api(server.url, method, path, { token: someone.accessToken, body });
    expect((await as('GET', '/api/admin/apps')).status).toBe(403);
    expect((await as('GET', '/api/admin/audit')).status).toBe(403);
    expect((await as('POST', `/api/admin/apps/${app.appId}/suspend`, { reason: 'x' })).status).toBe(403);
    expect((await as('POST', `/api/admin/apps/${app.appId}/resume`, {})).status).toBe(403);
    // The owner of the app is no admin either.
    const owner = await api(server.url, 'POST', `/api/admin/apps/${app.appId}/suspend`, {
      token: app.owner.accessToken,
      body: { reason: 'x' },
    });
    expect(owner.status).toBe(403);
    expect(await statusInAdminList(app.appId)).toBe('active');
  });

  it('needs a reason of at most 500 characters to suspend; unknown apps are 404; wrong states are 409', async () => {
    const app = await buildMiniApp(server);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const res = await asAdmin('POST', `/api/admin/apps/${app.appId}/suspend`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await suspend('mp0000000000')).status).toBe(404);
    expect((await resume(app.appId)).status).toBe(409);
    expect((await suspend(app.appId, 'x'.repeat(500))).status).toBe(200);
    expect((await suspend(app.appId)).status).toBe(409);
    expect(await statusInAdminList(app.appId)).toBe('suspended');
    // Refused actions leave no trace in the audit log.
    expect((await auditOf(app.appId)).map((e) => e.action)).toEqual(['app.suspend']);
  });
});

describe('suspending an app', () => {
  it('takes it out of Discover, launch, hosting, login codes and the Open API at once; resume restores all', async () => {
    const name = `Suspendable ${randomUUID().slice(0, 8)}`;
    const app = await buildMiniApp(server, { name });
    await publish(app);
    const openId = await openIdOf(server, app, someone);
    expect(
      (await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: someone.accessToken })).status,
    ).toBe(200);
    expect(await inDirectory(app, name)).toBe(true);
    expect(await inRecent(app)).toBe(true);
    expect(await hostedStatus(app.appId)).toBe(200);
    // A code issued before the suspension, and the app token issued before it (valid for 2 h).
    const earlyCode = (await loginCode(someone, app.appId)).body.code as string;
    const order = () =>
      createOrder(server, app, {
        outTradeNo: `t_${randomUUID().slice(0, 12)}`,
        openId,
        amount: 100,
        description: 'Tea',
      });

    const suspended = await suspend(app.appId, 'Selling counterfeit goods');
    expect(suspended.status).toBe(200);
    expect(suspended.body.app).toMatchObject({ appId: app.appId, status: 'suspended' });

    expect(await inDirectory(app, name)).toBe(false);
    expect(await inRecent(app)).toBe(false);
    const launch = await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: someone.accessToken });
    expect(launch.status).toBe(404);
    expect(launch.body.error.code).toBe('not_found');
    expect(await hostedStatus(app.appId)).toBe(404);
    expect((await loginCode(someone, app.appId)).status).toBe(404);
    const exchange = await api(server.url, 'POST', '/openapi/v1/token', {
      body: { appId: app.appId, appSecret: app.appSecret },
    });
    expect(exchange.status).toBe(403);
    expect(exchange.body.error.code).toBe('forbidden');
    const session = await api(server.url, 'POST', '/openapi/v1/auth/code2session', {
      token: app.token,
      body: { code: earlyCode },
    });
    expect(session.status).toBe(403);
    expect(session.body.error.code).toBe('forbidden');
    const refused = await order();
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');

    expect((await resume(app.appId)).body.app).toMatchObject({ appId: app.appId, status: 'active' });
    expect(await inDirectory(app, name)).toBe(true);
    expect(await inRecent(app)).toBe(true);
    expect(
      (await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: someone.accessToken })).status,
    ).toBe(200);
    expect(await hostedStatus(app.appId)).toBe(200);
    expect((await loginCode(someone, app.appId)).status).toBe(200);
    expect(
      (await api(server.url, 'POST', '/openapi/v1/token', { body: { appId: app.appId, appSecret: app.appSecret } }))
        .status,
    ).toBe(200);
    // The refused exchange did not spend the code; the old token works again.
    const again = await api(server.url, 'POST', '/openapi/v1/auth/code2session', {
      token: app.token,
      body: { code: earlyCode },
    });
    expect(again.status).toBe(200);
    expect(again.body.openId).toBe(openId);
    expect((await order()).status).toBe(201);
  });

  it('takes no money for an order it created before it was suspended', async () => {
    const app = await buildMiniApp(server);
    const payer = await buildPayer(server, 1_000);
    const created = await createOrder(server, app, {
      outTradeNo: `pre_${randomUUID().slice(0, 12)}`,
      openId: await openIdOf(server, app, payer),
      amount: 250,
      description: 'Before the ban',
    });
    expect(created.status).toBe(201);
    expect((await suspend(app.appId)).status).toBe(200);
    const paid = await payOrder(server, payer, created.body.orderId as string);
    expect(paid.status).toBe(403);
    expect(paid.body.error.code).toBe('forbidden');
    expect(await balanceOf(server, payer)).toBe(1_000);
    expect((await resume(app.appId)).status).toBe(200);
    expect((await payOrder(server, payer, created.body.orderId as string)).status).toBe(200);
    expect(await balanceOf(server, payer)).toBe(750);
  });

  it('keeps delivering webhooks already queued for it (money events are never dropped)', async () => {
    const path = `/hook/${randomUUID().slice(0, 8)}`;
    const app = await buildMiniApp(server, { webhookUrl: `${receiverUrl}${path}` });
    const payer = await buildPayer(server, 1_000);
    await paidOrder(server, app, payer, 300);
    expect((await suspend(app.appId)).status).toBe(200);
    await server.app.payments.deliverDue();
    expect(received.filter((p) => p === path)).toHaveLength(1);
    const deliveries = await api(server.url, 'GET', `/api/dev/apps/${app.appId}/webhooks`, {
      token: app.owner.accessToken,
    });
    expect(deliveries.body.deliveries.map((d: { status: string }) => d.status)).toEqual(['delivered']);
  });
});

describe('audit log', () => {
  it('records approve, reject, suspend and resume in order, with the admin and the reason, newest first', async () => {
    const app = await buildMiniApp(server);
    await upload(app, '1.0.0');
    await upload(app, '1.1.0');
    expect((await asAdmin('POST', `/api/admin/apps/${app.appId}/versions/1.0.0/approve`, {})).status).toBe(200);
    const rejected = await asAdmin('POST', `/api/admin/apps/${app.appId}/versions/1.1.0/reject`, {
      reason: 'Crashes on start',
    });
    expect(rejected.status).toBe(200);
    expect((await suspend(app.appId, 'Phishing page')).status).toBe(200);
    expect((await resume(app.appId)).status).toBe(200);

    const entries = await auditOf(app.appId);
    expect(entries.map((e) => [e.action, e.targetType, e.targetId, e.reason])).toEqual([
      ['app.resume', 'app', app.appId, null],
      ['app.suspend', 'app', app.appId, 'Phishing page'],
      ['version.reject', 'version', `${app.appId}@1.1.0`, 'Crashes on start'],
      ['version.approve', 'version', `${app.appId}@1.0.0`, null],
    ]);
    for (const e of entries) expect(e).toMatchObject({ adminId: admin.user.id, adminName: 'Audit Admin' });
    const ids = entries.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
  });

  it('pages with a cursor: each page older than the one before, no entry twice', async () => {
    const app = await buildMiniApp(server);
    for (let i = 0; i < 3; i++) {
      await suspend(app.appId, `Round ${i}`);
      await resume(app.appId);
    }
    const first = AuditPageSchema.parse((await asAdmin('GET', '/api/admin/audit?limit=2')).body);
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).toBe(first.entries[1]!.id);
    const second = AuditPageSchema.parse(
      (await asAdmin('GET', `/api/admin/audit?limit=2&cursor=${first.nextCursor}`)).body,
    );
    expect(second.entries.length).toBeGreaterThan(0);
    expect(BigInt(second.entries[0]!.id)).toBeLessThan(BigInt(first.entries[1]!.id));
    expect((await asAdmin('GET', '/api/admin/audit?cursor=abc')).status).toBe(400);
    expect((await auditOf(app.appId)).map((e) => e.reason)).toEqual([
      null,
      'Round 2',
      null,
      'Round 1',
      null,
      'Round 0',
    ]);
  });
});
