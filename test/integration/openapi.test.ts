import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginCodes } from '@app/server/bridge/bridge.tables';
import { hashCode } from '@app/server/bridge/bridge.service';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';

let server: TestServer;
let dev: BuiltUser;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  dev = await buildUser(server.url);
});
afterAll(() => server.close());

async function newApp(name = 'Open API app') {
  const res = await api(server.url, 'POST', '/api/dev/apps', {
    token: dev.accessToken,
    body: { name, category: 'tools' },
  });
  return res.body as { app: { appId: string }; appSecret: string };
}
const appToken = async (appId: string, appSecret: string) =>
  (await api(server.url, 'POST', '/openapi/v1/token', { body: { appId, appSecret } })).body.accessToken as string;
const loginCode = async (user: BuiltUser, appId: string) =>
  (await api(server.url, 'POST', '/api/bridge/login-code', { token: user.accessToken, body: { appId } })).body
    .code as string;
const code2session = (token: string, code: string) =>
  api(server.url, 'POST', '/openapi/v1/auth/code2session', { token, body: { code } });

describe('app tokens', () => {
  it('are issued for the right secret only, and only work on the Open API', async () => {
    const { app, appSecret } = await newApp();
    expect(
      (await api(server.url, 'POST', '/openapi/v1/token', { body: { appId: app.appId, appSecret: `${appSecret}x` } }))
        .status,
    ).toBe(401);
    const token = await appToken(app.appId, appSecret);
    expect(token).toBeTruthy();
    // An app token is not a user token, and a user token is not an app token (audiences are pinned).
    expect((await api(server.url, 'GET', '/api/me', { token })).body.error.code).toBe('token_invalid');
    expect((await code2session(dev.accessToken, 'x'.repeat(32))).body.error.code).toBe('token_invalid');
    // Rotating the secret ends the old one.
    await api(server.url, 'POST', `/api/dev/apps/${app.appId}/secret`, { token: dev.accessToken });
    expect((await api(server.url, 'POST', '/openapi/v1/token', { body: { appId: app.appId, appSecret } })).status).toBe(
      401,
    );
  });
});

describe('code2session', () => {
  it('turns a login code into a per-app openId: single-use, bound to the app, and stable per person', async () => {
    const [a, b] = [await newApp('A'), await newApp('B')];
    const [tokenA, tokenB] = [await appToken(a.app.appId, a.appSecret), await appToken(b.app.appId, b.appSecret)];
    const user = await buildUser(server.url);

    const code = await loginCode(user, a.app.appId);
    const first = await code2session(tokenA, code);
    expect(first.status).toBe(200);
    expect(first.body.openId).toMatch(/^o/);
    expect(JSON.stringify(first.body)).not.toContain(user.user.id);
    expect((await code2session(tokenA, code)).body.error.code).toBe('code_invalid'); // replay

    const again = await code2session(tokenA, await loginCode(user, a.app.appId));
    expect(again.body.openId).toBe(first.body.openId);
    // Another app's code does not work for this app, and the other app sees another id for the same person.
    const codeForB = await loginCode(user, b.app.appId);
    expect((await code2session(tokenA, codeForB)).body.error.code).toBe('code_invalid');
    const inB = await code2session(tokenB, codeForB);
    expect(inB.body.openId).not.toBe(first.body.openId);
  });

  it('refuses expired codes, and lets one of two concurrent exchanges of a code win', async () => {
    const { app, appSecret } = await newApp();
    const token = await appToken(app.appId, appSecret);
    const user = await buildUser(server.url);
    const stale = await loginCode(user, app.appId);
    await server.app.database.db
      .update(loginCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(loginCodes.codeHash, hashCode(stale)));
    expect((await code2session(token, stale)).body.error.code).toBe('code_invalid');

    const code = await loginCode(user, app.appId);
    const results = await Promise.all(Array.from({ length: 6 }, () => code2session(token, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });
});

describe('consents', () => {
  it('records, lists (as JSON for export) and revokes what a person allowed or denied', async () => {
    const { app } = await newApp('Maps');
    const user = await buildUser(server.url);
    expect(await server.app.bridge.scopeState(user.user.id, app.appId, 'location')).toBe('ask');
    await api(server.url, 'PUT', '/api/me/consents', {
      token: user.accessToken,
      body: { appId: app.appId, scope: 'location', granted: false },
    });
    await api(server.url, 'PUT', '/api/me/consents', {
      token: user.accessToken,
      body: { appId: app.appId, scope: 'profile', granted: true },
    });
    expect(await server.app.bridge.scopeState(user.user.id, app.appId, 'location')).toBe('denied');
    const list = await api(server.url, 'GET', '/api/me/consents', { token: user.accessToken });
    expect(
      list.body.consents.map((c: { scope: string; granted: boolean; appName: string }) => [
        c.appName,
        c.scope,
        c.granted,
      ]),
    ).toEqual([
      ['Maps', 'location', false],
      ['Maps', 'profile', true],
    ]);
    expect(
      (await api(server.url, 'DELETE', `/api/me/consents/${app.appId}/location`, { token: user.accessToken })).status,
    ).toBe(204);
    expect(await server.app.bridge.scopeState(user.user.id, app.appId, 'location')).toBe('ask');
    expect(
      (
        await api(server.url, 'PUT', '/api/me/consents', {
          token: user.accessToken,
          body: { appId: app.appId, scope: 'microphone', granted: true },
        })
      ).status,
    ).toBe(400);
  });
});

describe('rotating the secret', () => {
  it('makes every app token issued before it useless at once', async () => {
    const { app, appSecret } = await newApp('Rotator');
    const oldToken = await appToken(app.appId, appSecret);
    const user = await buildUser(server.url);
    expect((await code2session(oldToken, await loginCode(user, app.appId))).status).toBe(200);
    const rotated = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/secret`, { token: dev.accessToken });
    const stale = await code2session(oldToken, await loginCode(user, app.appId));
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('token_invalid');
    const fresh = await appToken(app.appId, rotated.body.appSecret as string);
    expect((await code2session(fresh, await loginCode(user, app.appId))).status).toBe(200);
  });
});

describe('login codes', () => {
  it('are rate-limited per person, so a mini-program looping on auth.login cannot mint codes without end', async () => {
    const limited = await startTestServer({
      databaseUrl: inject('databaseUrl'),
      limits: { loginCodesPerMinutePerUser: 3 },
    });
    try {
      const owner = await buildUser(limited.url);
      const created = await api(limited.url, 'POST', '/api/dev/apps', {
        token: owner.accessToken,
        body: { name: 'Looper', category: 'tools' },
      });
      const appId = (created.body as { app: { appId: string } }).app.appId;
      const [alice, bob] = [await buildUser(limited.url), await buildUser(limited.url)];
      const ask = (user: BuiltUser) =>
        api(limited.url, 'POST', '/api/bridge/login-code', { token: user.accessToken, body: { appId } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await ask(alice)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await ask(bob)).status, 'the limit is per person').toBe(200);
    } finally {
      await limited.close();
    }
  });
});
