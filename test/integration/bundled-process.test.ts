import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHelloPackage } from '@app/miniapp-hello/package';
import { api } from '../support/factories';
import { freePort, startMainProcess } from '../support/process';

/**
 * `pnpm start`'s process with the bundled Hello app (miniapps/hello/bundle.json): published through the registry on
 * the first start, run as a supervised child, listed by /api/health, its backend's address handed to the page at
 * launch — so two runs from one checkout and one build work side by side.
 */
const dirs: string[] = [];
let zipFile: string;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'superapp-bundled-'));
  dirs.push(dir);
  zipFile = (await buildHelloPackage({ outDir: path.join(dir, 'web'), zipFile: path.join(dir, 'hello.zip') })).zipFile;
}, 120_000);
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A run on its own ports and data directory, with the one Hello package every run shares. */
async function runEnv() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'superapp-bundled-run-'));
  dirs.push(dataDir);
  const [port, appsPort, helloPort] = [await freePort(), await freePort(), await freePort()];
  return {
    port,
    helloPort,
    env: {
      PORT: String(port),
      APPS_PORT: String(appsPort),
      DATA_DIR: dataDir,
      BUNDLED_APPS: 'hello',
      HELLO_PORT: String(helloPort),
      HELLO_PACKAGE: zipFile,
    },
  };
}

/** A run that sets only PORT, as a person does: its apps and Hello ports derive from it (PORT + 1, PORT + 101). */
async function runOnPort(port: number) {
  const { env, ...rest } = await runEnv();
  const { APPS_PORT: _apps, HELLO_PORT: _hello, ...own } = env;
  return { ...rest, port, env: { ...own, PORT: String(port) } };
}

/** A base port whose offsets are all free now. */
async function freeBase(offsets: number[]): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await Promise.all(offsets.map((o) => isFree(base + o)))).every(Boolean)) return base;
  }
}

interface Health {
  bundled: Array<{ name: string; appId: string; backendUrl: string }>;
}

/** What Hello's page does on a run: launch (its backend's address comes in the config), log in through it. */
async function helloWorksOn(port: number) {
  const url = `http://localhost:${port}`;
  const { bundled } = (await api(url, 'GET', '/api/health')).body as Health;
  const hello = bundled.find((b) => b.name === 'hello')!;
  const login = await api(url, 'POST', '/api/auth/login', { body: { username: 'alice', password: 'demo-pass-123' } });
  const token = login.body.accessToken as string;
  const directory = await api(url, 'GET', '/api/miniapps', { token });
  expect(directory.body.apps).toContainEqual(expect.objectContaining({ appId: hello.appId, name: 'Hello' }));
  const launch = await api(url, 'GET', `/api/miniapps/${hello.appId}/launch`, { token });
  expect(launch.body.config).toEqual({ backendUrl: hello.backendUrl });
  const code = await api(url, 'POST', '/api/bridge/login-code', { token, body: { appId: hello.appId } });
  const origin = launch.body.origin as string;
  const session = await api(hello.backendUrl, 'POST', '/api/session', {
    body: { code: code.body.code },
    headers: { origin },
  });
  expect(session.status).toBe(200);
  expect(session.body.openId).toMatch(/^o/);
  return hello;
}

/**
 * The pids of a process's children that run a bundled backend — not tsx's esbuild service, which is a child too and
 * may be listed first.
 */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'server/src/main'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
  } catch {
    return [];
  }
}

describe('pnpm start with bundled mini-programs', () => {
  it('publishes Hello once, supervises its backend, keeps its appId across restarts and stops it on SIGTERM', async () => {
    const run = await runEnv();
    const first = startMainProcess(run.env);
    await expect
      .poll(first.output, { timeout: 60_000 })
      .toMatch(/hello mini-program: appId mp\w+, version 1\.0\.0 \(just published\)/);
    await expect.poll(first.output, { timeout: 60_000 }).toMatch(/\[hello\] backend for mp[a-z0-9]{10}/);
    const hello = await helloWorksOn(run.port);
    expect(hello.backendUrl).toBe(`http://localhost:${run.helloPort}`);

    // A backend that dies is started again (supervision), on the same port with the same credentials.
    const [backendPid] = childrenOf(first.child.pid!);
    expect(backendPid).toBeGreaterThan(0);
    process.kill(backendPid!, 'SIGKILL');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(() => alive(backendPid!), { timeout: 30_000 }).toBe(false);
    await expect
      .poll(() => childrenOf(first.child.pid!).find((p) => p !== backendPid), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(
        () =>
          helloWorksOn(run.port).then(
            () => true,
            () => false,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/hello backend exited; restarting/);
    await expect(fetch(`http://127.0.0.1:${run.helloPort}/api/health`)).rejects.toThrow(); // the backend stopped too

    const second = startMainProcess(run.env);
    await expect.poll(second.output, { timeout: 60_000 }).toMatch(/\[hello\] backend for mp/);
    expect(second.output()).toContain(`hello mini-program: appId ${hello.appId}, version 1.0.0, backend`);
    expect((await helloWorksOn(run.port)).appId).toBe(hello.appId);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('runs two platforms on PORT and PORT + 100 from one checkout and one build, each with its own Hello', async () => {
    // The run on PORT + 100 takes PORT + 101 for its mini-program origins: the Hello port the run on PORT derives.
    const base = await freeBase([0, 1, 100, 101, 201]);
    const [a, b] = [await runOnPort(base), await runOnPort(base + 100)];
    const runs = [startMainProcess(b.env)];
    try {
      await expect.poll(runs[0]!.output, { timeout: 90_000 }).toMatch(/\[hello\] backend for mp/);
      expect(runs[0]!.output()).toContain(`mini-programs: http://<appId>.apps.localhost:${base + 101}`);
      runs.push(startMainProcess(a.env));
      await expect.poll(runs[1]!.output, { timeout: 90_000 }).toMatch(/\[hello\] backend for mp/);
      const [helloA, helloB] = [await helloWorksOn(a.port), await helloWorksOn(b.port)];
      expect(helloB.backendUrl).toBe(`http://localhost:${base + 201}`);
      expect(helloA.backendUrl).not.toBe(`http://localhost:${base + 101}`); // taken: it moved to a free port
      expect(helloA.appId).not.toBe(helloB.appId);
      expect(runs[1]!.output()).not.toMatch(/backend exited; restarting/);
    } finally {
      for (const run of runs) run.child.kill('SIGTERM');
      expect(await Promise.all(runs.map((r) => r.exited))).toEqual(runs.map(() => 0));
    }
  }, 240_000);

  it('refuses a second run on the same embedded data directory, and names a missing package', async () => {
    const run = await runEnv();
    const first = startMainProcess(run.env);
    try {
      await expect.poll(first.output, { timeout: 60_000 }).toMatch(/\[hello\] backend for mp/);
      const clash = startMainProcess({
        ...run.env,
        PORT: String(await freePort()),
        HELLO_PORT: String(await freePort()),
      });
      expect(await clash.exited).toBe(1);
      expect(clash.output()).toMatch(/pglite is in use by another run \(pid \d+\)/);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    const fresh = await runEnv();
    const missing = startMainProcess({ ...fresh.env, HELLO_PACKAGE: path.join(tmpdir(), 'no-such-hello.zip') });
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toMatch(
      /no-such-hello\.zip is missing: build it with "pnpm --filter @app\/miniapp-hello package"/,
    );
  }, 180_000);
});
