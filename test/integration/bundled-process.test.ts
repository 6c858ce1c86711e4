import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
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

  it('runs two platforms from one checkout and one build side by side, each with its own Hello backend', async () => {
    const [a, b] = [await runEnv(), await runEnv()];
    const runs = [startMainProcess(a.env), startMainProcess(b.env)];
    try {
      for (const run of runs) await expect.poll(run.output, { timeout: 90_000 }).toMatch(/\[hello\] backend for mp/);
      const [helloA, helloB] = [await helloWorksOn(a.port), await helloWorksOn(b.port)];
      expect(helloA.backendUrl).toBe(`http://localhost:${a.helloPort}`);
      expect(helloB.backendUrl).toBe(`http://localhost:${b.helloPort}`);
      expect(helloA.appId).not.toBe(helloB.appId);
    } finally {
      for (const run of runs) run.child.kill('SIGTERM');
      expect(await Promise.all(runs.map((r) => r.exited))).toEqual([0, 0]);
    }
  }, 180_000);

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
