import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@app/server/users/users.tables';
import { ownDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { api } from '../support/factories';
import { expectLedgerBalanced } from '../support/ledger';
import { buildMiniApp, buildPayer, paidOrder, type TestMiniApp } from '../support/miniapps';

/** With the production default, a third party's webhook may not reach loopback or private networks (SSRF). */
let server: TestServer;
let receiver: Server;
let receiverUrl: string;
const hits: string[] = [];

// Delivery runs act on every due event, and this server refuses loopback receivers: a database of its own, so the
// other files' events are not refused and rescheduled by it.
let database: Awaited<ReturnType<typeof ownDatabase>>;
beforeAll(async () => {
  database = await ownDatabase('ssrf');
  server = await startTestServer({
    databaseUrl: database.url,
    env: { WEBHOOK_PRIVATE_TARGETS: '0' },
    webhooks: { batch: 1000 },
  });
  receiver = createServer((req, res) => {
    hits.push(req.url ?? '/');
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
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

const deliveries = async (app: TestMiniApp) =>
  (await api(server.url, 'GET', `/api/dev/apps/${app.appId}/webhooks`, { token: app.owner.accessToken })).body
    .deliveries as Array<{ status: string; lastError: string | null; attempts: number }>;

describe('webhook targets', () => {
  it('refuses loopback, private and localhost-named receivers of a third-party app, without sending anything', async () => {
    const targets = [`${receiverUrl}/direct`, `http://localhost:${new URL(receiverUrl).port}/named`];
    for (const webhookUrl of targets) {
      const app = await buildMiniApp(server, { name: 'Curious', webhookUrl });
      const payer = await buildPayer(server, 1_000);
      await paidOrder(server, app, payer, 100);
      await server.app.payments.deliverDue();
      const [delivery] = await deliveries(app);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
      expect(delivery!.lastError).toMatch(/private address/);
    }
    expect(hits).toEqual([]);
  });

  it('lets an app owned by an admin (the bundled ones) reach its backend on loopback', async () => {
    const app = await buildMiniApp(server, { name: 'Bundled', webhookUrl: `${receiverUrl}/bundled` });
    await server.app.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, app.owner.user.id));
    const payer = await buildPayer(server, 1_000);
    await paidOrder(server, app, payer, 100);
    await server.app.payments.deliverDue();
    expect(await deliveries(app)).toEqual([expect.objectContaining({ status: 'delivered', lastError: null })]);
    expect(hits).toEqual(['/bundled']);
  });
});
