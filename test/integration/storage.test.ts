import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STORAGE_LIMITS } from '@app/shared';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';
import { buildMiniApp, type TestMiniApp } from '../support/miniapps';

/** Bridge storage.* over the host's REST routes (DESIGN §6 v1.1): quotas, the race-free key count, isolation. */
let server: TestServer;
let shop: TestMiniApp;
let maps: TestMiniApp;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  shop = await buildMiniApp(server, { name: 'Corner shop' });
  maps = await buildMiniApp(server, { name: 'City maps' });
});
afterAll(() => server.close());

const base = (app: TestMiniApp) => `/api/bridge/storage/${app.appId}`;
const q = (key: string) => `?key=${encodeURIComponent(key)}`;
const setItem = (user: BuiltUser, key: string, value: string, app = shop) =>
  api(server.url, 'PUT', base(app), { token: user.accessToken, body: { key, value } });
const getItem = async (user: BuiltUser, key: string, app = shop) =>
  (await api(server.url, 'GET', `${base(app)}${q(key)}`, { token: user.accessToken })).body.value as string | null;
const keysOf = async (user: BuiltUser, app = shop, after?: string) =>
  (
    await api(
      server.url,
      'GET',
      `${base(app)}/keys${after === undefined ? '' : `?after=${encodeURIComponent(after)}`}`,
      {
        token: user.accessToken,
      },
    )
  ).body as { keys: string[]; next: string | null };

/** Rows inserted directly: setting up 1,000 keys through 1,000 requests would only slow the test down. */
async function preload(user: BuiltUser, app: TestMiniApp, count: number, prefix = 'k'): Promise<void> {
  await server.app.database.db.execute(sql`
    insert into miniapp_storage (user_id, app_id, key, value)
    select ${user.user.id}::uuid, ${app.appId}, ${prefix} || lpad(i::text, 4, '0'), 'v' || i
    from generate_series(1, ${count}) i`);
}

describe('storage routes', () => {
  it('sets, gets, lists and removes a value; a missing key is null', async () => {
    const user = await buildUser(server.url);
    expect(await getItem(user, 'cart')).toBeNull();
    expect((await setItem(user, 'cart', '{"items":[1,2]}')).status).toBe(204);
    expect((await setItem(user, 'empty', '')).status).toBe(204);
    expect(await getItem(user, 'cart')).toBe('{"items":[1,2]}');
    expect(await getItem(user, 'empty')).toBe('');
    expect((await setItem(user, 'cart', 'replaced')).status).toBe(204);
    expect(await getItem(user, 'cart')).toBe('replaced');
    expect(await keysOf(user)).toEqual({ keys: ['cart', 'empty'], next: null });
    const removed = await api(server.url, 'DELETE', `${base(shop)}${q('cart')}`, { token: user.accessToken });
    expect(removed.status).toBe(204);
    expect(await getItem(user, 'cart')).toBeNull();
    expect(
      (await api(server.url, 'DELETE', `${base(shop)}${q('never-was')}`, { token: user.accessToken })).status,
    ).toBe(204);
    expect((await keysOf(user)).keys).toEqual(['empty']);
  });

  it('holds keys of 128 characters and values of 4096 UTF-8 bytes, and refuses one more', async () => {
    const user = await buildUser(server.url);
    const key = `钥${'k'.repeat(127)}`;
    const value = `${'界'.repeat(1365)}a`; // 1365 × 3 + 1 = 4096 bytes
    expect((await setItem(user, key, value)).status).toBe(204);
    expect(await getItem(user, key)).toBe(value);
    const tooLong = await setItem(user, `${key}x`, 'v');
    expect(tooLong).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    const tooBig = await setItem(user, 'big', `${value}b`);
    expect(tooBig).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    expect(tooBig.body.error.fields.value).toMatch(/4096 bytes/);
    for (const bad of [
      { key: '', value: 'v' },
      { key: 'nul', value: 'a\u0000b' },
      { key: 'tab\there', value: 'v' },
      { key: 'k', value: 7 },
      { key: 'k', value: 'v', appId: maps.appId },
    ]) {
      const res = await api(server.url, 'PUT', base(shop), { token: user.accessToken, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await keysOf(user)).keys).toEqual([key]);
  });

  it('pages keys in code-point order', async () => {
    const user = await buildUser(server.url);
    await preload(user, shop, 300);
    await setItem(user, 'Zebra', 'upper case sorts before lower case in code-point order');
    const first = await keysOf(user);
    expect(first.keys).toHaveLength(STORAGE_LIMITS.keysPageSize);
    expect(first.keys[0]).toBe('Zebra');
    expect(first.next).toBe(first.keys.at(-1));
    const second = await keysOf(user, shop, first.next!);
    expect(second.next).toBeNull();
    expect([...first.keys, ...second.keys]).toEqual([
      'Zebra',
      ...Array.from({ length: 300 }, (_, i) => `k${String(i + 1).padStart(4, '0')}`),
    ]);
  });

  it('keeps at most 1,024 keys per person and app, even when 50 new keys race for the last 24 places', async () => {
    const user = await buildUser(server.url);
    await preload(user, shop, 1000);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => setItem(user, `race-${String(i).padStart(2, '0')}`, `v${i}`)),
    );
    expect(results.filter((r) => r.status === 204)).toHaveLength(24);
    const refused = results.filter((r) => r.status !== 204);
    expect(refused).toHaveLength(26);
    for (const r of refused)
      expect(r).toMatchObject({ status: 409, body: { error: { code: 'storage_quota_exceeded' } } });

    // At the quota: replacing an existing key still works, a new one does not, until one is removed.
    expect((await setItem(user, 'k0001', 'replaced at the quota')).status).toBe(204);
    expect(await getItem(user, 'k0001')).toBe('replaced at the quota');
    expect((await setItem(user, 'one-more', 'v')).status).toBe(409);
    await api(server.url, 'DELETE', `${base(shop)}${q('k0002')}`, { token: user.accessToken });
    expect((await setItem(user, 'one-more', 'v')).status).toBe(204);
    const count = await server.app.database.db.execute(
      sql`select count(*)::int as n from miniapp_storage where user_id = ${user.user.id}::uuid and app_id = ${shop.appId}`,
    );
    expect((count as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(STORAGE_LIMITS.maxKeys);

    // The quota is per app: the same person's other app is unaffected.
    expect((await setItem(user, 'fresh', 'v', maps)).status).toBe(204);
  });

  it('keeps each app and each person apart', async () => {
    const [alice, bob] = [await buildUser(server.url), await buildUser(server.url)];
    await setItem(alice, 'token', 'alice-shop');
    await setItem(alice, 'token', 'alice-maps', maps);
    await setItem(bob, 'token', 'bob-shop');
    expect(await getItem(alice, 'token')).toBe('alice-shop');
    expect(await getItem(alice, 'token', maps)).toBe('alice-maps');
    expect(await getItem(bob, 'token')).toBe('bob-shop');
    expect(await getItem(bob, 'token', maps)).toBeNull();
    await api(server.url, 'DELETE', `${base(shop)}${q('token')}`, { token: bob.accessToken });
    expect(await getItem(alice, 'token')).toBe('alice-shop');
    expect((await keysOf(bob)).keys).toEqual([]);
  });

  it('needs the person’s token, and a live app to write to', async () => {
    for (const [method, path, body] of [
      ['GET', `${base(shop)}${q('k')}`, undefined],
      ['PUT', base(shop), { key: 'k', value: 'v' }],
      ['DELETE', `${base(shop)}${q('k')}`, undefined],
      ['GET', `${base(shop)}/keys`, undefined],
      ['GET', '/api/me/miniapps/storage', undefined],
      ['DELETE', `/api/me/miniapps/${shop.appId}/storage`, undefined],
    ] as const) {
      const res = await api(server.url, method, path, { body });
      expect(res, `${method} ${path}`).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    }
    const user = await buildUser(server.url);
    const unknown = await api(server.url, 'PUT', '/api/bridge/storage/mp0000000000', {
      token: user.accessToken,
      body: { key: 'k', value: 'v' },
    });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const badId = await api(server.url, 'GET', `/api/bridge/storage/not-an-app${q('k')}`, { token: user.accessToken });
    expect(badId.status).toBe(400);
  });
});

describe('Me → Mini-program permissions: stored data', () => {
  it('lists what each app keeps, and "Clear data" forgets one app for one person only', async () => {
    const [alice, bob] = [await buildUser(server.url), await buildUser(server.url)];
    await setItem(alice, 'b', '界界');
    await setItem(alice, 'a', 'xyz');
    await setItem(alice, 'route', 'home', maps);
    await setItem(bob, 'a', 'bob');
    const summary = await api(server.url, 'GET', '/api/me/miniapps/storage', { token: alice.accessToken });
    expect(summary).toMatchObject({ status: 200 });
    expect(summary.body.apps).toEqual([
      { appId: maps.appId, appName: 'City maps', keys: ['route'], bytes: 4 },
      { appId: shop.appId, appName: 'Corner shop', keys: ['a', 'b'], bytes: 9 },
    ]);

    const cleared = await api(server.url, 'DELETE', `/api/me/miniapps/${shop.appId}/storage`, {
      token: alice.accessToken,
    });
    expect(cleared.status).toBe(204);
    expect(await getItem(alice, 'a')).toBeNull();
    expect((await keysOf(alice)).keys).toEqual([]);
    expect(await getItem(alice, 'route', maps)).toBe('home');
    expect(await getItem(bob, 'a')).toBe('bob');
    const after = await api(server.url, 'GET', '/api/me/miniapps/storage', { token: alice.accessToken });
    expect(after.body.apps.map((a: { appId: string }) => a.appId)).toEqual([maps.appId]);
  });
});
