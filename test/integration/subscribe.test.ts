import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { miniappVersions, miniapps } from '@app/server/miniapps/miniapps.tables';
import { startTestServer, type TestServer } from '../support/server';
import { api, befriend, buildUser, type BuiltUser } from '../support/factories';
import { buildMiniApp, openIdOf, type TestMiniApp } from '../support/miniapps';
import { collect, connectAs, emitAck } from '../support/sockets';

let server: TestServer;
let clinic: TestMiniApp;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  clinic = await buildMiniApp(server, { name: 'City clinic' });
  await release(clinic.appId, ['queue_near', 'report_ready', 't1', 'live']);
});
afterAll(() => server.close());

const accept = (user: BuiltUser, results: Record<string, 'accept' | 'reject'>, appId = clinic.appId) =>
  api(server.url, 'POST', '/api/bridge/subscriptions', { token: user.accessToken, body: { appId, results } });
const notify = (openId: string, templateId: string, app = clinic) =>
  api(server.url, 'POST', '/openapi/v1/messages/subscribe', {
    token: app.token,
    body: { openId, templateId, data: { Queue: 'A-017', Ahead: '3' }, page: '/queue?id=17' },
  });

const template = (id: string) => ({
  id,
  title: { en: `Title of ${id}`, 'zh-CN': `${id} 的标题` },
  text: { en: `What ${id} says` },
});

/** Releases a version row directly (the publishing pipeline is tested in miniapps.test.ts). */
async function release(
  appId: string,
  templates: string[] = [],
  { version = '1.0.0', status = 'released' as 'released' | 'in_review' | 'draft' | 'rejected' } = {},
) {
  await server.app.database.db.insert(miniappVersions).values({
    appId,
    version,
    status,
    manifest: { name: 'x', version, entry: 'index.html', scopes: [], subscribeTemplates: templates.map(template) },
    bytes: 1,
    files: 1,
    releasePercent: status === 'released' ? 100 : 0,
    releasedAt: status === 'released' ? new Date() : null,
  });
}

describe('subscribe messages', () => {
  it('each accept allows exactly one service message; the next is subscription_required', async () => {
    const user = await buildUser(server.url);
    const openId = await openIdOf(server, clinic, user);
    expect((await notify(openId, 'queue_near')).body.error.code).toBe('subscription_required');
    expect((await accept(user, { queue_near: 'accept', report_ready: 'reject' })).status).toBe(204);
    expect((await accept(user, { queue_near: 'accept' })).status).toBe(204);
    expect((await notify(openId, 'report_ready')).body.error.code).toBe('subscription_required');
    const results = await Promise.all([
      notify(openId, 'queue_near'),
      notify(openId, 'queue_near'),
      notify(openId, 'queue_near'),
    ]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 403).map((r) => r.body.error.code)).toEqual(['subscription_required']);

    const list = await api(server.url, 'GET', '/api/conversations', { token: user.accessToken });
    const service = list.body.conversations.filter((c: { type: string }) => c.type === 'service');
    expect(service).toHaveLength(1); // one per person, however many messages
    expect(service[0]).toMatchObject({ title: 'Service notifications', lastSeq: 2 });
    const history = await api(server.url, 'GET', `/api/conversations/${service[0].id}/messages`, {
      token: user.accessToken,
    });
    expect(history.body.messages[0]).toMatchObject({
      kind: 'service',
      senderId: null,
      body: {
        appId: clinic.appId,
        appName: 'City clinic',
        templateId: 'queue_near',
        data: { Queue: 'A-017' },
        page: '/queue?id=17',
      },
    });
  });

  it('accepts and sends only templates a submitted version declares', async () => {
    const app = await buildMiniApp(server, { name: 'Declared' });
    await release(app.appId, ['ready'], { version: '1.0.0', status: 'draft' });
    await release(app.appId, ['rejected_one'], { version: '1.1.0', status: 'rejected' });
    const user = await buildUser(server.url);
    const openId = await openIdOf(server, app, user);
    const refusedAccept = await accept(user, { ready: 'accept' }, app.appId);
    expect(refusedAccept.status).toBe(422);
    expect(refusedAccept.body.error).toMatchObject({ code: 'template_not_declared' });
    expect(refusedAccept.body.error.message).toContain('ready');
    expect((await accept(user, { rejected_one: 'accept' }, app.appId)).status).toBe(422);

    // Submitted (in review: the developer previews it) — now declared.
    await release(app.appId, ['ready'], { version: '1.2.0', status: 'in_review' });
    expect((await accept(user, { ready: 'accept' }, app.appId)).status).toBe(204);
    // One undeclared id in the answer refuses the whole answer (nothing stored).
    expect((await accept(user, { ready: 'accept', sneaky: 'reject' }, app.appId)).status).toBe(422);
    const refusedSend = await notify(openId, 'sneaky', app);
    expect(refusedSend.status).toBe(422);
    expect(refusedSend.body.error.code).toBe('template_not_declared');
    expect((await notify(openId, 'ready', app)).status).toBe(201);
    // The second accept was refused, so only one message was allowed.
    expect((await notify(openId, 'ready', app)).body.error.code).toBe('subscription_required');
  });

  it("refuses another app's openId and validates the message", async () => {
    const other = await buildMiniApp(server, { name: 'Other' });
    const user = await buildUser(server.url);
    await accept(user, { t1: 'accept' });
    const theirs = await openIdOf(server, other, user);
    expect((await notify(theirs, 't1')).status).toBe(404);
    const bad = await api(server.url, 'POST', '/openapi/v1/messages/subscribe', {
      token: clinic.token,
      body: { openId: await openIdOf(server, clinic, user), templateId: 't1', data: {}, page: 'http://evil' },
    });
    expect(bad.status).toBe(400);
  });

  it('arrives live over socket.io; the person cannot write into the service conversation', async () => {
    const user = await buildUser(server.url);
    const openId = await openIdOf(server, clinic, user);
    await accept(user, { live: 'accept' });
    const socket = await connectAs(server.url, user.accessToken);
    try {
      const got = collect(socket, 'message:new');
      const sent = await notify(openId, 'live');
      expect(sent.status).toBe(201);
      await expect.poll(() => got.length).toBe(1);
      expect(got[0]!.message).toMatchObject({ id: sent.body.messageId, kind: 'service', senderId: null });
      const write = await emitAck(socket, 'message:send', {
        conversationId: got[0]!.message.conversationId,
        clientMsgId: randomUUID(),
        kind: 'text',
        body: { text: 'hello?' },
      });
      expect(write).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      socket.disconnect();
    }
  });
});

describe('mini-program cards in chat', () => {
  it('stores the card with the registry name and icon; unknown or suspended apps are not_found', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const conversationId = await befriend(server.url, a, b);
    const socket = await connectAs(server.url, a.accessToken);
    const card = (body: Record<string, unknown>) =>
      emitAck<{ message: { kind: string; body: Record<string, unknown> } }>(socket, 'message:send', {
        conversationId,
        clientMsgId: randomUUID(),
        kind: 'miniapp_card',
        body,
      });
    try {
      const ok = await card({ appId: clinic.appId, title: 'Book Dr. Li', path: '/doctors/7' });
      expect(ok).toMatchObject({
        ok: true,
        data: {
          message: {
            kind: 'miniapp_card',
            body: {
              appId: clinic.appId,
              title: 'Book Dr. Li',
              path: '/doctors/7',
              appName: 'City clinic',
              appIconUrl: null,
            },
          },
        },
      });
      expect(await card({ appId: 'mpzzzzzzzzzz', title: 'x', path: '/' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      for (const bad of [
        { appId: clinic.appId, title: 'x', path: 'https://evil.example' },
        { appId: clinic.appId, title: '', path: '/' },
        { appId: clinic.appId, title: 'x', path: '/', appName: 'Spoofed' },
      ])
        expect(await card(bad)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      const gone = await buildMiniApp(server, { name: 'Gone' });
      await server.app.database.db.update(miniapps).set({ status: 'suspended' }).where(eq(miniapps.appId, gone.appId));
      expect(await card({ appId: gone.appId, title: 'x', path: '/' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    } finally {
      socket.disconnect();
    }
  });
});

describe('directory search and recent apps', () => {
  it('searches name and description case-insensitively, and lists recently opened apps newest first', async () => {
    const tag = randomUUID().slice(0, 6);
    const owner = await buildUser(server.url);
    const apps = [];
    for (const [name, description] of [
      [`Metro ${tag}`, 'Ride the subway'],
      [`Noodles ${tag}`, 'Hand-pulled 100% wheat'],
      [`Clinic ${tag}`, 'Book a SUBWAY-side doctor'],
    ] as const) {
      const app = await buildMiniApp(server, { owner, name, description });
      await release(app.appId);
      apps.push(app);
    }
    const search = async (q: string) =>
      (
        await api(server.url, 'GET', `/api/miniapps?q=${encodeURIComponent(q)}`, { token: owner.accessToken })
      ).body.apps.map((a: { name: string }) => a.name);
    expect((await search('subway')).filter((n: string) => n.endsWith(tag))).toEqual([`Clinic ${tag}`, `Metro ${tag}`]);
    expect(await search(`noodles ${tag.toUpperCase()}`)).toEqual([`Noodles ${tag}`]);
    expect((await search('100%')).filter((n: string) => n.endsWith(tag))).toEqual([`Noodles ${tag}`]);
    expect((await search('_')).filter((n: string) => n.endsWith(tag))).toEqual([]); // wildcards are literal
    expect(
      (await api(server.url, 'GET', `/api/miniapps?q=${'x'.repeat(51)}`, { token: owner.accessToken })).status,
    ).toBe(400);

    const user = await buildUser(server.url);
    const recent = async () =>
      (await api(server.url, 'GET', '/api/miniapps/recent', { token: user.accessToken })).body.apps.map(
        (a: { appId: string }) => a.appId,
      );
    expect(await recent()).toEqual([]);
    for (const app of [apps[0]!, apps[1]!, apps[2]!, apps[0]!]) {
      expect(
        (await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: user.accessToken })).status,
      ).toBe(200);
    }
    expect(await recent()).toEqual([apps[0]!.appId, apps[2]!.appId, apps[1]!.appId]);
  });
});
