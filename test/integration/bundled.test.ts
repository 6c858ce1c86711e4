import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundledTargets, type BundledTarget } from '@app/server/bundled/bundled.manifest';
import { ensureBundledApp, type Ensured } from '@app/server/bundled/bundled.publish';
import { bundledApps } from '@app/server/bundled/bundled.tables';
import { miniapps } from '@app/server/miniapps/miniapps.tables';
import { users } from '@app/server/users/users.tables';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser } from '../support/factories';
import { appTokenOf } from '../support/miniapps';

/**
 * Publishing bundled apps (server/src/bundled) on Postgres: registered once per database even when nodes start at
 * once, re-pointed at each run's backend, a raised package version published through the pipeline, a wave-1
 * registration adopted, and a missing package named with the command that builds it.
 */
let server: TestServer;
let root: string;

beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  const admin = await buildUser(server.url);
  await server.app.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.user.id));
  root = await mkdtemp(path.join(tmpdir(), 'bundled-'));
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

const zipOf = (version: string) =>
  zipSync({
    'miniapp.json': new TextEncoder().encode(JSON.stringify({ name: 'Demo', version, entry: 'index.html' })),
    'index.html': new TextEncoder().encode('<!doctype html><title>demo</title>'),
  });

/** A fresh `miniapps/<name>/` folder with its bundle.json and a built package of `version`. */
async function folder(version = '1.0.0'): Promise<{ name: string; dir: string }> {
  const name = `demo${randomBytes(4).toString('hex')}`;
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'dist'), { recursive: true });
  const manifest = {
    app: { name: 'Demo', category: 'tools', description: 'A bundled demo' },
    package: { zip: `dist/${name}.zip`, build: `pnpm --filter @app/miniapp-${name} package` },
    backend: { entry: 'server/main.ts', portOffset: 150 },
  };
  await writeFile(path.join(dir, 'bundle.json'), JSON.stringify(manifest));
  await writeFile(path.join(dir, 'dist', `${name}.zip`), zipOf(version));
  return { name, dir };
}

async function targetOf(name: string, env: Record<string, string> = {}): Promise<BundledTarget> {
  const config = { port: 4000, dataDir: path.join(root, 'data'), databaseUrl: undefined };
  const [target] = await bundledTargets(config, { BUNDLED_APPS: name, ...env }, root);
  return target!;
}

const deps = () => ({
  db: server.app.database.db,
  miniApps: server.app.miniApps,
  logger: server.app.logger,
  dataDir: path.join(root, 'data'),
});

function ready(result: Ensured) {
  if (result.status !== 'ready') throw new Error(`not ready: ${result.reason}`);
  return result;
}

describe('bundled apps', () => {
  it('derives every default from PORT and reads <NAME>_* overrides', async () => {
    const { name } = await folder();
    const target = await targetOf(name);
    expect(target).toMatchObject({ port: 4150, backendUrl: 'http://localhost:4150' });
    expect(target.appDataDir).toBe(path.join(root, 'data', 'apps', name));
    const prefix = name.toUpperCase();
    const custom = await targetOf(name, {
      [`${prefix}_PORT`]: '5000',
      [`${prefix}_PUBLIC_URL`]: 'https://demo.example.com/',
      [`${prefix}_DATABASE_URL`]: 'postgres://x/y',
    });
    expect(custom).toMatchObject({ port: 5000, backendUrl: 'https://demo.example.com', databaseUrl: 'postgres://x/y' });
    await expect(
      bundledTargets({ port: 3000, dataDir: root, databaseUrl: undefined }, { BUNDLED_APPS: 'nope' }, root),
    ).rejects.toThrow(/BUNDLED_APPS names "nope" but .*nope\/bundle\.json does not exist/);
    expect(
      await bundledTargets({ port: 3000, dataDir: root, databaseUrl: undefined }, { BUNDLED_APPS: 'none' }, root),
    ).toEqual([]);
  });

  it('registers an app once when several nodes start at the same time, through the whole pipeline', async () => {
    const { name } = await folder();
    const target = await targetOf(name);
    const results = (await Promise.all([1, 2, 3, 4].map(() => ensureBundledApp(deps(), target)))).map(ready);
    expect(new Set(results.map((r) => r.appId)).size).toBe(1);
    expect(results.filter((r) => r.published === '1.0.0')).toHaveLength(1);
    const rows = await server.app.database.db.select().from(bundledApps).where(eq(bundledApps.name, name));
    expect(rows).toHaveLength(1);
    const { appId, appSecret } = results[0]!;
    expect(await appTokenOf(server, appId, appSecret)).toBeTruthy();
    // Released to everyone, pointing at this run's backend.
    const person = await buildUser(server.url);
    const launch = await api(server.url, 'GET', `/api/miniapps/${appId}/launch`, { token: person.accessToken });
    expect(launch.status).toBe(200);
    expect(launch.body).toMatchObject({ version: '1.0.0', config: { backendUrl: 'http://localhost:4150' } });
  });

  it('follows the run: a new backend address and a raised package version on the next start', async () => {
    const { name, dir } = await folder();
    const first = ready(await ensureBundledApp(deps(), await targetOf(name)));
    await writeFile(path.join(dir, 'dist', `${name}.zip`), zipOf('1.1.0'));
    const moved = await targetOf(name, { [`${name.toUpperCase()}_PORT`]: '4999' });
    const second = ready(await ensureBundledApp(deps(), moved));
    expect(second).toMatchObject({
      appId: first.appId,
      appSecret: first.appSecret,
      version: '1.1.0',
      published: '1.1.0',
    });
    const [app] = await server.app.database.db.select().from(miniapps).where(eq(miniapps.appId, first.appId));
    expect(app).toMatchObject({
      domains: ['http://localhost:4999'],
      webhookUrl: 'http://127.0.0.1:4999/webhooks',
      launchConfig: { backendUrl: 'http://localhost:4999' },
    });
    // Same package again: nothing new is published.
    expect(ready(await ensureBundledApp(deps(), moved)).published).toBeUndefined();
  });

  it('adopts a registration from wave 1 (DATA_DIR/bundled-apps.json) instead of publishing a second app', async () => {
    const { name } = await folder();
    const target = await targetOf(name);
    const owner = await buildUser(server.url);
    const { app } = await server.app.miniApps.create(owner.user.id, target.manifest.app);
    const dataDir = await mkdtemp(path.join(root, 'legacy-'));
    await writeFile(path.join(dataDir, 'bundled-apps.json'), JSON.stringify({ [name]: { appId: app.appId } }));
    const adopted = ready(await ensureBundledApp({ ...deps(), dataDir }, target));
    expect(adopted.appId).toBe(app.appId);
    expect(adopted.published).toBe('1.0.0');
  });

  it('names the command that builds a missing package', async () => {
    const { name, dir } = await folder();
    await rm(path.join(dir, 'dist'), { recursive: true });
    await expect(ensureBundledApp(deps(), await targetOf(name))).rejects.toThrow(
      new RegExp(`${name}\\.zip is missing: build it with "pnpm --filter @app/miniapp-${name} package"`),
    );
    expect(await server.app.database.db.select().from(bundledApps).where(eq(bundledApps.name, name))).toEqual([]);
  });
});
