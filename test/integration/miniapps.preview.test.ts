import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { miniapps } from '@app/server/miniapps/miniapps.tables';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';
import { buildAdmin, getFromApps, packageZip, pipeline, uploadPackage } from '../support/packages';

/**
 * Preview: the developer and the reviewers open a version before it is released — in review included — through a
 * signed, expiring `/_p/<token>/` prefix on the app's origin; nobody else can, and the version stays unpublished.
 */
let server: TestServer;
let admin: BuiltUser;
let developer: BuiltUser;
let stranger: BuiltUser;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  admin = await buildAdmin(server);
  developer = await buildUser(server.url);
  stranger = await buildUser(server.url);
});
afterAll(() => server.close());
afterEach(() => vi.useRealTimers());

async function newApp() {
  const res = await api(server.url, 'POST', '/api/dev/apps', {
    token: developer.accessToken,
    body: { name: 'Preview me', category: 'tools', description: '' },
  });
  const appId = res.body.app.appId as string;
  return { appId, steps: pipeline(server, appId, developer, admin), host: `${appId}.apps.localhost` };
}

const upload = (appId: string, version: string) =>
  uploadPackage(server, developer.accessToken, appId, packageZip(version));
const preview = (user: BuiltUser, appId: string, query = '') =>
  api(server.url, 'GET', `/api/miniapps/${appId}/launch?preview=1${query}`, { token: user.accessToken });
/** The path of a launch URL (what the iframe loads) and the same directory with another file. */
const pathOf = (url: string) => new URL(url).pathname;
const sibling = (url: string, file: string) => pathOf(url).replace(/[^/]+$/, file);

describe('preview', () => {
  it('the owner and admins open the version in review; everyone else gets not_found, like a missing app', async () => {
    const { appId, steps } = await newApp();
    expect((await upload(appId, '1.0.0')).status).toBe(201);
    // A draft is not previewable: submit it first.
    expect((await preview(developer, appId)).body.error.code).toBe('not_found');
    await steps.submit('1.0.0');

    const missing = await preview(stranger, 'mpzzzzzzzzzz');
    const refused = await preview(stranger, appId);
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual(missing.body);
    // Without preview nothing is released, so nobody (the owner neither) can launch it.
    expect(
      (await api(server.url, 'GET', `/api/miniapps/${appId}/launch`, { token: developer.accessToken })).status,
    ).toBe(404);

    for (const viewer of [developer, admin]) {
      const res = await preview(viewer, appId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: '1.0.0', preview: true, app: { appId } });
      expect(pathOf(res.body.url)).toMatch(/^\/_p\/1\.0\.0~\d+~[A-Za-z0-9_-]{43}\/index\.html$/);
      expect(new URL(res.body.url).searchParams.get('__host')).toBe(server.url);
    }
    // A preview is not a use: it does not land in the developer's recent apps.
    const recent = await api(server.url, 'GET', '/api/miniapps/recent', { token: developer.accessToken });
    expect(recent.body.apps).toEqual([]);
  });

  it('serves the in-review files only under a valid, unexpired token for that app', async () => {
    const { appId, steps, host } = await newApp();
    const other = await newApp();
    await upload(appId, '1.0.0');
    await steps.submit('1.0.0');
    const { url } = (await preview(developer, appId, '&path=%2Fmenu%3Ftable%3D7')).body as { url: string };
    expect(new URL(url).hash).toBe('#/menu');
    expect(new URL(url).searchParams.get('table')).toBe('7');

    const page = await getFromApps(server, host, pathOf(url));
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>v1.0.0</title>');
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(String(page.headers['content-security-policy'])).toContain('frame-ancestors');
    // Relative assets resolve under the same prefix.
    const script = await getFromApps(server, host, sibling(url, 'app.js'));
    expect(script.status).toBe(200);
    expect(script.body).toContain('1.0.0');

    // Not public: the version path, another app's origin, a tampered token, path escapes.
    expect((await getFromApps(server, host, '/_v/1.0.0/index.html')).status).toBe(404);
    expect((await getFromApps(server, other.host, pathOf(url))).status).toBe(404);
    const token = pathOf(url).split('/')[2]!;
    const [version, expires, mac] = token.split('~') as [string, string, string];
    for (const forged of [
      `${version}~${Number(expires) + 86_400}~${mac}`,
      `${version}~${expires}~${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`,
      `1.0.1~${expires}~${mac}`,
    ])
      expect((await getFromApps(server, host, `/_p/${forged}/index.html`)).status, forged).toBe(404);
    expect((await getFromApps(server, host, `/_p/${token}/../../../package.json`)).status).toBe(404);
    expect((await getFromApps(server, host, `/_p/${token}/%2e%2e/%2e%2e/x`)).status).toBe(404);

    // An hour later the link is dead.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61 * 60_000 });
    expect((await getFromApps(server, host, pathOf(url))).status).toBe(404);
  });

  it('follows the version: newest previewable first, a chosen one, rejected and suspended ones never', async () => {
    const { appId, steps, host } = await newApp();
    await upload(appId, '1.0.0');
    await steps.submit('1.0.0');
    await steps.approve('1.0.0');
    await upload(appId, '1.1.0');
    await steps.submit('1.1.0');
    const newest = (await preview(developer, appId)).body as { version: string; url: string };
    expect(newest.version).toBe('1.1.0');
    expect((await preview(admin, appId, '&version=1.0.0')).body.version).toBe('1.0.0');
    expect((await preview(admin, appId, '&version=9.9.9')).status).toBe(404);

    const reject = await api(server.url, 'POST', `/api/admin/apps/${appId}/versions/1.1.0/reject`, {
      token: admin.accessToken,
      body: { reason: 'Not yet' },
    });
    expect(reject.status).toBe(200);
    // The link minted before the rejection stops working; the preview falls back to the approved version.
    expect((await getFromApps(server, host, pathOf(newest.url))).status).toBe(404);
    const approved = (await preview(developer, appId)).body as { version: string; url: string };
    expect(approved.version).toBe('1.0.0');
    expect((await getFromApps(server, host, pathOf(approved.url))).status).toBe(200);

    await server.app.database.db.update(miniapps).set({ status: 'suspended' }).where(eq(miniapps.appId, appId));
    expect((await getFromApps(server, host, pathOf(approved.url))).status).toBe(404);
    expect((await preview(developer, appId)).status).toBe(404);
  });
});
