import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HealthSchema } from '@app/shared';
import { startTestServer } from '../support/server';
import { api, buildUser } from '../support/factories';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('embedded default (no DATABASE_URL)', () => {
  it('runs on PGlite under DATA_DIR, generates a JWT secret there, and keeps data and sessions across restarts', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'superapp-embedded-'));
    dirs.push(dataDir);
    const env = { JWT_SECRET: '' }; // unset: the server must generate and keep one
    const first = await startTestServer({ databaseUrl: null, dataDir, env: { ...env, SEED_DEMO: '1' } });
    let user;
    try {
      const health = await api(first.url, 'GET', '/api/health');
      expect(HealthSchema.parse(health.body)).toMatchObject({ ok: true, db: 'pglite', redis: false });
      const demo = await api(first.url, 'POST', '/api/auth/login', {
        body: { username: 'alice', password: 'demo-pass-123' },
      });
      expect(demo.status).toBe(200);
      user = await buildUser(first.url);
    } finally {
      await first.close();
    }
    const secrets = JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8'));
    expect(secrets.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path.join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);

    const second = await startTestServer({ databaseUrl: null, dataDir, env: { ...env, SEED_DEMO: '1' } });
    try {
      // The access token from the first run still verifies: same generated secret.
      const me = await api(second.url, 'GET', '/api/me', { token: user.accessToken });
      expect(me.status).toBe(200);
      const login = await api(second.url, 'POST', '/api/auth/login', {
        body: { username: user.user.username, password: user.password },
      });
      expect(login.status).toBe(200);
      // Seeding ran once: the demo users were not created again (that would fail on unique usernames anyway).
      expect(second.app.seeded?.created).toBe(false);
    } finally {
      await second.close();
    }
  });
});

describe('config', () => {
  it('refuses to start with a bad environment and says which variable is wrong', async () => {
    await expect(
      startTestServer({ databaseUrl: null, env: { PORT: 'eighty', DATABASE_URL: 'mysql://x' } }),
    ).rejects.toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });
});
