import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHelloPackage } from '@app/miniapp-hello/package';
import { api } from '../support/factories';
import { startMainProcess } from '../support/process';

const dirs: string[] = [];
const started: Array<ReturnType<typeof startMainProcess>> = [];
/** Every process this file started, so a failed assertion does not leave a server (and its Hello) running. */
const start = (env: Record<string, string>) => {
  const run = startMainProcess(env);
  started.push(run);
  return run;
};
afterAll(async () => {
  for (const run of started)
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
  await Promise.all(started.map((run) => run.exited));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}, 30_000);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('pnpm start with the bundled Hello app', () => {
  it('publishes Hello on the first start, runs its backend, reuses the credentials after a restart, stops both', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'superapp-hello-proc-'));
    dirs.push(dataDir);
    const [port, appsPort, helloPort] = [await freePort(), await freePort(), await freePort()];
    const pkg = await buildHelloPackage({
      backendUrl: `http://localhost:${helloPort}`,
      outDir: path.join(dataDir, 'web'),
      zipFile: path.join(dataDir, 'hello.zip'),
    });
    const env = {
      PORT: String(port),
      APPS_PORT: String(appsPort),
      DATA_DIR: path.join(dataDir, 'data'),
      HELLO_PORT: String(helloPort),
      HELLO_PACKAGE: pkg.zipFile,
    };

    const first = start(env);
    await expect.poll(first.output, { timeout: 60_000 }).toMatch(/Hello mini-program backend: .*just published/);
    // The backend creates its own PGlite database on its first start (DATA_DIR/apps/hello): allow for a slow initdb.
    await expect.poll(first.output, { timeout: 60_000 }).toMatch(/\[hello\] backend for mp[a-z0-9]{10} .*\(PGlite\)/);
    const appId = /appId (mp[a-z0-9]{10})/.exec(first.output())![1]!;
    const url = `http://localhost:${port}`;
    const login = await api(url, 'POST', '/api/auth/login', { body: { username: 'alice', password: 'demo-pass-123' } });
    const directory = await api(url, 'GET', '/api/miniapps', { token: login.body.accessToken });
    expect(directory.body.apps).toContainEqual(expect.objectContaining({ appId, name: 'Hello' }));
    expect((await api(`http://127.0.0.1:${helloPort}`, 'GET', '/api/health')).body).toEqual({ ok: true, appId });
    const file = path.join(dataDir, 'data', 'bundled-apps.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).hello.appId).toBe(appId);
    expect(await readdir(path.join(dataDir, 'data', 'apps', 'hello'))).toEqual(['pglite']);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${helloPort}/api/health`)).rejects.toThrow(); // the backend stopped too

    const second = start(env);
    await expect.poll(second.output, { timeout: 60_000 }).toMatch(/\[hello\] backend for mp/);
    expect(second.output()).toContain(`Hello mini-program backend: http://localhost:${helloPort} (appId ${appId})`);
    expect((await api(`http://127.0.0.1:${helloPort}`, 'GET', '/api/health')).body).toEqual({ ok: true, appId });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 240_000);

  it('fails clearly on a fresh start when the Hello package was not built', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'superapp-hello-proc-'));
    dirs.push(dataDir);
    const run = start({
      PORT: String(await freePort()),
      APPS_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      HELLO_PORT: String(await freePort()),
      HELLO_PACKAGE: path.join(dataDir, 'missing.zip'),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/missing\.zip is missing: build it with "pnpm --filter @app\/miniapp-hello package"/);
  }, 90_000);
});
