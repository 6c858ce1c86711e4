import { strToU8, zipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bucketOf } from '@app/server/miniapps/miniapps.service';
import { users } from '@app/server/users/users.tables';
import { declareSize, getFromApps } from '../support/packages';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';

let server: TestServer;
let dev: BuiltUser;
let admin: BuiltUser;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  dev = await buildUser(server.url);
  const a = await buildUser(server.url);
  await server.app.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, a.user.id));
  admin = {
    ...(await api(server.url, 'POST', '/api/auth/login', { body: { username: a.user.username, password: a.password } }))
      .body,
    password: a.password,
  };
});
afterAll(() => server.close());

const pkg = (version: string, extra: Record<string, Uint8Array> = {}, manifest: object = {}) =>
  zipSync({
    'miniapp.json': strToU8(
      JSON.stringify({ name: 'Hello', version, entry: 'index.html', scopes: ['profile'], ...manifest }),
    ),
    'index.html': strToU8(`<!doctype html><title>v${version}</title><script src="app.js"></script>`),
    'app.js': strToU8(`console.log(${JSON.stringify(version)})`),
    ...extra,
  });

async function upload(token: string, appId: string, zip: Uint8Array) {
  const res = await fetch(`${server.url}/api/dev/apps/${appId}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: Buffer.from(zip),
  });
  return { status: res.status, body: await res.json() };
}

const getApp = (host: string, path: string) => getFromApps(server, host, path);

async function newApp(owner = dev) {
  const res = await api(server.url, 'POST', '/api/dev/apps', {
    token: owner.accessToken,
    body: { name: 'Hello 你好', category: 'tools', description: 'Says hello' },
  });
  expect(res.status).toBe(201);
  return res.body as { app: { appId: string }; appSecret: string };
}

async function approve(appId: string, version: string) {
  await api(server.url, 'POST', `/api/dev/apps/${appId}/versions/${version}/submit`, { token: dev.accessToken });
  return api(server.url, 'POST', `/api/admin/apps/${appId}/versions/${version}/approve`, {
    token: admin.accessToken,
    body: {},
  });
}

describe('publishing', () => {
  it('registers an app (secret shown once, rotatable), uploads, reviews and releases a version', async () => {
    const { app, appSecret } = await newApp();
    expect(app.appId).toMatch(/^mp[a-z0-9]{10}$/);
    expect(appSecret.length).toBeGreaterThan(30);
    const listed = await api(server.url, 'GET', '/api/dev/apps', { token: dev.accessToken });
    expect(JSON.stringify(listed.body)).not.toContain(appSecret);
    const rotated = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/secret`, { token: dev.accessToken });
    expect(rotated.body.appSecret).not.toBe(appSecret);

    const patched = await api(server.url, 'PATCH', `/api/dev/apps/${app.appId}`, {
      token: dev.accessToken,
      body: { webhookUrl: 'http://127.0.0.1:9/webhook', domains: ['https://api.hello.example'] },
    });
    expect(patched.body.app).toMatchObject({
      webhookUrl: 'http://127.0.0.1:9/webhook',
      domains: ['https://api.hello.example'],
    });

    const up = await upload(dev.accessToken, app.appId, pkg('1.0.0'));
    expect(up.status).toBe(201);
    expect(up.body.version).toMatchObject({ version: '1.0.0', status: 'draft', files: 3 });
    expect((await upload(dev.accessToken, app.appId, pkg('1.0.0'))).body.error.code).toBe('version_exists');
    // Not reviewed yet: cannot be released, and is not served.
    const early = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/1.0.0/release`, {
      token: dev.accessToken,
      body: { percent: 100 },
    });
    expect(early.body.error.code).toBe('wrong_state');
    expect((await getApp(`${app.appId}.apps.localhost`, '/_v/1.0.0/index.html')).status).toBe(404);

    await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/1.0.0/submit`, { token: dev.accessToken });
    const queue = await api(server.url, 'GET', '/api/admin/reviews', { token: admin.accessToken });
    expect(queue.body.reviews.map((r: { app: { appId: string } }) => r.app.appId)).toContain(app.appId);
    expect((await api(server.url, 'GET', '/api/admin/reviews', { token: dev.accessToken })).status).toBe(403);
    expect(
      (
        await api(server.url, 'POST', `/api/admin/apps/${app.appId}/versions/1.0.0/approve`, {
          token: admin.accessToken,
          body: {},
        })
      ).body.version.status,
    ).toBe('approved');
    const released = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/1.0.0/release`, {
      token: dev.accessToken,
      body: { percent: 100 },
    });
    expect(released.body.version).toMatchObject({ status: 'released', releasePercent: 100 });

    const directory = await api(server.url, 'GET', '/api/miniapps', { token: dev.accessToken });
    expect(directory.body.apps.map((a: { appId: string }) => a.appId)).toContain(app.appId);
    const launch = await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: dev.accessToken });
    expect(launch.body).toMatchObject({
      version: '1.0.0',
      origin: `http://${app.appId}.apps.localhost:${server.app.appsPort()}`,
    });
    expect(new URL(launch.body.url).searchParams.get('__host')).toBe(server.url); // the origin the host page was loaded from
  });

  it('a rejection needs a reason the developer reads; others cannot touch the app', async () => {
    const { app } = await newApp();
    await upload(dev.accessToken, app.appId, pkg('0.1.0'));
    await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/0.1.0/submit`, { token: dev.accessToken });
    expect(
      (
        await api(server.url, 'POST', `/api/admin/apps/${app.appId}/versions/0.1.0/reject`, {
          token: admin.accessToken,
          body: {},
        })
      ).status,
    ).toBe(400);
    const rejected = await api(server.url, 'POST', `/api/admin/apps/${app.appId}/versions/0.1.0/reject`, {
      token: admin.accessToken,
      body: { reason: 'Asks for location without saying why' },
    });
    expect(rejected.body.version).toMatchObject({
      status: 'rejected',
      reviewNote: 'Asks for location without saying why',
    });
    const stranger = await buildUser(server.url);
    expect((await upload(stranger.accessToken, app.appId, pkg('0.2.0'))).status).toBe(404);
    expect(
      (await api(server.url, 'POST', `/api/dev/apps/${app.appId}/secret`, { token: stranger.accessToken })).status,
    ).toBe(404);
  });

  it('explains invalid packages and stores nothing', async () => {
    const { app } = await newApp();
    const escape = await upload(dev.accessToken, app.appId, pkg('1.0.0', { '../../etc/evil.js': strToU8('x') }));
    expect(escape.status).toBe(422);
    expect(escape.body.error).toMatchObject({
      code: 'invalid_package',
      fields: { '../../etc/evil.js': 'Path leaves the package' },
    });
    const noEntry = await upload(dev.accessToken, app.appId, pkg('1.0.0', {}, { entry: 'main.html' }));
    expect(noEntry.body.error.fields).toHaveProperty(['miniapp.json entry']);
    // 60 MB deflated whose headers say 100 bytes (issue #17): refused while inflating, by the bytes it really has.
    const liar = pkg('1.0.0', { 'liar.bin': new Uint8Array(60 * 1024 * 1024) });
    expect(declareSize(liar, 'liar.bin', 100)).toBe(2);
    const lied = await upload(dev.accessToken, app.appId, liar);
    expect(lied.status).toBe(422);
    expect(lied.body.error.fields['liar.bin']).toMatch(/at most 5 MB \(this one says 100 bytes, and is larger\)/);
    const big = await upload(dev.accessToken, app.appId, new Uint8Array(2 * 1024 * 1024 + 10));
    expect(big.body.error.code).toBe('invalid_package');
    expect(
      (await api(server.url, 'GET', `/api/dev/apps/${app.appId}/versions`, { token: dev.accessToken })).body.versions,
    ).toEqual([]);
  });
});

describe('gray release and rollback', () => {
  it('gives the gray version to the released share of users, stably, and rolls back to any of the last 5', async () => {
    const { app } = await newApp();
    for (const v of ['1.0.0', '1.1.0']) {
      await upload(dev.accessToken, app.appId, pkg(v));
      await approve(app.appId, v);
    }
    await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/1.0.0/release`, {
      token: dev.accessToken,
      body: { percent: 100 },
    });
    await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/1.1.0/release`, {
      token: dev.accessToken,
      body: { percent: 30 },
    });

    const people = await Promise.all(Array.from({ length: 12 }, () => buildUser(server.url)));
    for (const p of people) {
      const launch = await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: p.accessToken });
      expect(launch.body.version).toBe(bucketOf(p.user.id, app.appId) < 30 ? '1.1.0' : '1.0.0');
      const again = await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: p.accessToken });
      expect(again.body.version).toBe(launch.body.version);
    }
    await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/1.1.0/release`, {
      token: dev.accessToken,
      body: { percent: 100 },
    });
    for (const p of people.slice(0, 3)) {
      expect(
        (await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: p.accessToken })).body.version,
      ).toBe('1.1.0');
    }
    const back = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/rollback`, {
      token: dev.accessToken,
      body: { version: '1.0.0' },
    });
    expect(back.body.version).toMatchObject({ version: '1.0.0', releasePercent: 100 });
    expect(
      (await api(server.url, 'GET', `/api/miniapps/${app.appId}/launch`, { token: people[0]!.accessToken })).body
        .version,
    ).toBe('1.0.0');
    const never = await api(server.url, 'POST', `/api/dev/apps/${app.appId}/rollback`, {
      token: dev.accessToken,
      body: { version: '9.9.9' },
    });
    expect(never.body.error.code).toBe('wrong_state');
  });
});

describe('hosting on the app origin', () => {
  it('serves released files by Host with the isolation headers, and nothing else', async () => {
    const { app } = await newApp();
    await api(server.url, 'PATCH', `/api/dev/apps/${app.appId}`, {
      token: dev.accessToken,
      body: { domains: ['https://api.hello.example'] },
    });
    await upload(dev.accessToken, app.appId, pkg('2.0.0'));
    await approve(app.appId, '2.0.0');
    await api(server.url, 'POST', `/api/dev/apps/${app.appId}/versions/2.0.0/release`, {
      token: dev.accessToken,
      body: { percent: 100 },
    });

    const page = await getApp(`${app.appId}.apps.localhost:${server.app.appsPort()}`, '/_v/2.0.0/index.html');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>v2.0.0</title>');
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(
      `frame-ancestors http://localhost:${new URL(server.url).port} http://127.0.0.1:${new URL(server.url).port}`,
    );
    expect(csp).toContain("connect-src 'self' https://api.hello.example");
    expect(csp).toContain("script-src 'self'");
    expect(page.headers['set-cookie']).toBeUndefined();
    expect((await getApp(`${app.appId}.apps.localhost`, '/_v/2.0.0/app.js')).headers['content-type']).toContain(
      'javascript',
    );

    expect((await getApp(`${app.appId}.apps.localhost`, '/_v/2.0.0/../../../package.json')).status).toBe(404);
    expect((await getApp(`${app.appId}.apps.localhost`, '/_v/2.0.0/%2e%2e/%2e%2e/x')).status).toBe(404);
    expect((await getApp('mpzzzzzzzzzz.apps.localhost', '/_v/2.0.0/index.html')).status).toBe(404);
    expect((await getApp('localhost', '/_v/2.0.0/index.html')).status).toBe(404);
    expect((await getApp(`${app.appId}.apps.localhost.evil.com`, '/_v/2.0.0/index.html')).status).toBe(404);
  });

  it('the host page may frame only mini-program origins, on the apps port only', async () => {
    const res = await fetch(`${server.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const frameSrc = csp.split(';').find((d) => d.startsWith('frame-src'));
    expect(frameSrc).toBe(`frame-src http://*.apps.localhost:${server.app.appsPort()}`);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('the host page may compile WebAssembly (the QR decoder) and use the camera itself; frames never get the camera', async () => {
    const res = await fetch(`${server.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    // WebAssembly only: no 'unsafe-eval', no inline scripts, no other script origin.
    expect(csp.split(';').find((d) => d.startsWith('script-src'))).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(res.headers.get('permissions-policy')).toBe('camera=(self), geolocation=(self), microphone=()');
  });
});
