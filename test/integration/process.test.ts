import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { api } from '../support/factories';
import { startMainProcess } from '../support/process';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('server process (pnpm start entry)', () => {
  it('prints its URL and the demo accounts, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'superapp-proc-'));
    dirs.push(dataDir);
    const { child, exited, output } = startMainProcess({
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: inject('databaseUrl'),
      // The shared database may be empty when this runs first; Hello's own process test covers the backends.
      BUNDLED_APPS: 'none',
    });

    await expect.poll(output, { timeout: 40_000 }).toMatch(/running: http:\/\/localhost:\d+/);
    const out = output();
    const url = /running: (http:\/\/localhost:\d+)/.exec(out)![1]!;
    expect(out).toMatch(/alice\s+\/ demo-pass-123/);
    expect(out).toMatch(/admin\s+\/ admin-pass-123\s+\(admin\)/);
    expect((await api(url, 'GET', '/api/health')).body).toMatchObject({ ok: true, db: 'postgres' });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
