import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPackage } from '@app/miniapp-sdk/package';
import { BundleManifestSchema } from '@app/server/bundled/bundled.manifest';
import { ManifestSchema } from '@app/shared';
import { api } from '../support/factories';
import { freePort, startMainProcess } from '../support/process';

/**
 * `pnpm create-miniapp <name>` as a third party uses it: the generated app typechecks, packages, is published and
 * run by `pnpm start` when listed in BUNDLED_APPS, and its page's backend calls work (a session from a login code,
 * a counter in its own database). The app is generated into miniapps/ (where the platform finds bundled apps) and
 * borrows Hello's node_modules — the same dependencies — instead of a `pnpm install` that would rewrite the lockfile.
 */
const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'miniapps/sdk/create/create-miniapp.mjs');
const name = `tmpscaf${randomBytes(3).toString('hex')}`; // git-ignored, in case a run is interrupted
const dir = path.join(root, 'miniapps', name);
const cleanup: string[] = [dir];
afterAll(() => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

async function filesUnder(at: string): Promise<string[]> {
  const entries = await readdir(at, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('pnpm create-miniapp', () => {
  it('refuses a bad name and an existing folder, with the reason', async () => {
    const bad = await run(process.execPath, [cli, 'Bad Name']).catch((err: { stderr: string; code: number }) => err);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/lower-case letters and digits/) });
    const taken = await run(process.execPath, [cli, 'hello']).catch((err: { stderr: string; code: number }) => err);
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringMatching(/miniapps\/hello already exists/) });
  });

  it('makes an app that typechecks, packages, and runs under pnpm start with its own database', async () => {
    const { stdout } = await run(process.execPath, [cli, name, '--title', 'Scaffolded']);
    expect(stdout).toContain(`BUNDLED_APPS=hello,${name} pnpm start`);
    for (const file of await filesUnder(dir)) expect(await readFile(file, 'utf8'), file).not.toMatch(/__[A-Z_]+__/);
    const bundle = BundleManifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'bundle.json'), 'utf8')));
    expect(bundle.backend.portOffset).toBeGreaterThanOrEqual(105);
    expect(ManifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'miniapp.json'), 'utf8')))).toMatchObject({
      name: 'Scaffolded',
      scopes: ['profile'],
    });

    await symlink(path.join(root, 'miniapps/hello/node_modules'), path.join(dir, 'node_modules'), 'dir');
    const tsc = path.join(dir, 'node_modules/.bin/tsc');
    await run(tsc, ['-p', 'web/tsconfig.json'], { cwd: dir });
    await run(tsc, ['-p', 'tsconfig.json'], { cwd: dir });
    const built = await buildPackage({ root: dir });
    expect(built.zipFile).toBe(path.join(dir, 'dist', `${name}.zip`));

    const dataDir = await mkdtemp(path.join(tmpdir(), 'superapp-scaffold-'));
    cleanup.push(dataDir);
    const port = await freePort();
    const backendPort = await freePort();
    const main = startMainProcess({
      PORT: String(port),
      APPS_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      BUNDLED_APPS: name,
      [`${name.toUpperCase()}_PORT`]: String(backendPort),
    });
    try {
      await expect.poll(main.output, { timeout: 90_000 }).toMatch(new RegExp(`\\[${name}\\] backend for mp`));
      expect(main.output()).toMatch(
        new RegExp(`${name} mini-program: appId mp\\w+, version 1\\.0\\.0 \\(just published\\)`),
      );
      const url = `http://localhost:${port}`;
      const health = (await api(url, 'GET', '/api/health')).body as { bundled: Array<{ name: string; appId: string }> };
      const { appId } = health.bundled.find((b) => b.name === name)!;
      const login = await api(url, 'POST', '/api/auth/login', {
        body: { username: 'alice', password: 'demo-pass-123' },
      });
      const token = login.body.accessToken as string;
      const directory = await api(url, 'GET', '/api/miniapps', { token });
      expect(directory.body.apps).toContainEqual(expect.objectContaining({ appId, name: 'Scaffolded' }));
      const launch = await api(url, 'GET', `/api/miniapps/${appId}/launch`, { token });
      const backendUrl = launch.body.config.backendUrl as string;
      expect(backendUrl).toBe(`http://localhost:${backendPort}`);
      const headers = { origin: launch.body.origin as string };
      const code = await api(url, 'POST', '/api/bridge/login-code', { token, body: { appId } });
      const session = await api(backendUrl, 'POST', '/api/session', { body: { code: code.body.code }, headers });
      expect(session.status).toBe(200);
      const visit = () => api(backendUrl, 'POST', '/api/visits', { token: session.body.token, headers });
      expect((await visit()).body).toEqual({ visits: 1 });
      expect((await visit()).body).toEqual({ visits: 2 });
      expect((await api(backendUrl, 'POST', '/api/visits', { headers })).status).toBe(401);
    } finally {
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
    }
  }, 180_000);
});
