import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { users } from '@app/server/users/users.tables';
import type { TestServer } from './server';
import { api, buildUser, type BuiltUser } from './factories';

/** Code packages, the publishing pipeline and the apps origin, for integration tests. */

/** A code package: `miniapp.json` (+ `manifest` overrides), an entry page and a script it loads relatively. */
export function packageZip(version: string, manifest: object = {}, extra: Record<string, Uint8Array> = {}) {
  return zipSync({
    'miniapp.json': strToU8(JSON.stringify({ name: 'Test', version, entry: 'index.html', scopes: [], ...manifest })),
    'index.html': strToU8(`<!doctype html><title>v${version}</title><script src="app.js"></script>`),
    'app.js': strToU8(`console.log(${JSON.stringify(version)})`),
    ...extra,
  });
}

/** Rewrites the uncompressed size of `name` in its local and central headers; returns how many headers it changed. */
export function declareSize(zip: Uint8Array, name: string, size: number): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const bytes = strToU8(name);
  let changed = 0;
  for (let at = 0; at + 46 < zip.length; at++) {
    const signature = view.getUint32(at, true);
    const local = signature === 0x04034b50;
    if (!local && signature !== 0x02014b50) continue;
    const nameAt = at + (local ? 30 : 46);
    const nameLength = view.getUint16(at + (local ? 26 : 28), true);
    if (nameLength !== bytes.length || !bytes.every((b, i) => zip[nameAt + i] === b)) continue;
    view.setUint32(at + (local ? 22 : 24), size, true);
    changed++;
  }
  return changed;
}

export async function uploadPackage(server: TestServer, token: string, appId: string, zip: Uint8Array) {
  const res = await fetch(`${server.url}/api/dev/apps/${appId}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: Buffer.from(zip),
  });
  return {
    status: res.status,
    body: (await res.json()) as { version?: { version: string }; error?: { code: string } },
  };
}

/** A user promoted to admin, logged in again so the access token carries the role. */
export async function buildAdmin(server: TestServer): Promise<BuiltUser> {
  const a = await buildUser(server.url);
  await server.app.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, a.user.id));
  const login = await api(server.url, 'POST', '/api/auth/login', {
    body: { username: a.user.username, password: a.password },
  });
  return { ...login.body, password: a.password } as BuiltUser;
}

/** Steps of the pipeline through the real API; each returns the response. */
export function pipeline(server: TestServer, appId: string, developer: BuiltUser, admin: BuiltUser) {
  const dev = (path: string, body: unknown = {}) =>
    api(server.url, 'POST', `/api/dev/apps/${appId}${path}`, { token: developer.accessToken, body });
  return {
    submit: (version: string) => dev(`/versions/${version}/submit`),
    approve: (version: string) =>
      api(server.url, 'POST', `/api/admin/apps/${appId}/versions/${version}/approve`, {
        token: admin.accessToken,
        body: {},
      }),
    release: (version: string, percent: number) => dev(`/versions/${version}/release`, { percent }),
    /** Uploaded, submitted, approved and released to `percent` %. */
    async publish(version: string, percent: number, manifest: object = {}) {
      await uploadPackage(server, developer.accessToken, appId, packageZip(version, manifest));
      await this.submit(version);
      await this.approve(version);
      return this.release(version, percent);
    },
  };
}

/** GET on the apps port with the Host header a browser sends for `<appId>.apps.localhost` (Node cannot resolve it). */
export function getFromApps(
  server: TestServer,
  host: string,
  path: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.app.appsPort(), path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
