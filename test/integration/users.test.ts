import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@app/server/platform/logger';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, uniqueName } from '../support/factories';

let server: TestServer;
let logs = '';
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs += String(chunk);
      cb();
    },
  });
  server = await startTestServer({ databaseUrl: inject('databaseUrl'), logger: createLogger('debug', sink) });
});
afterAll(() => server.close());

describe('me', () => {
  it('reads and updates the profile, keeping data when the input is bad', async () => {
    const u = await buildUser(server.url);
    const patched = await api(server.url, 'PATCH', '/api/me', {
      token: u.accessToken,
      body: { displayName: '新名字', locale: 'zh-CN' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: '新名字', locale: 'zh-CN' });

    for (const body of [
      { locale: 'fr' },
      { displayName: '' },
      { avatarUrl: 'javascript:alert(1)' },
      { role: 'admin' },
    ]) {
      const bad = await api(server.url, 'PATCH', '/api/me', { token: u.accessToken, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    const me = await api(server.url, 'GET', '/api/me', { token: u.accessToken });
    expect(me.body).toMatchObject({ displayName: '新名字', locale: 'zh-CN', role: 'user' });
  });
});

describe('user search', () => {
  it('finds people by username prefix or display name, never the searcher, with public fields only', async () => {
    const tag = uniqueName('find');
    const me = await buildUser(server.url, { username: `${tag}_me` });
    const other = await buildUser(server.url, { username: `${tag}_other`, displayName: 'Wang 王' });
    const res = await api(server.url, 'GET', `/api/users/search?q=${tag}`, { token: me.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.users.map((x: { id: string }) => x.id)).toEqual([other.user.id]);
    expect(Object.keys(res.body.users[0]).sort()).toEqual(['avatarUrl', 'displayName', 'id', 'username']);
    const byName = await api(server.url, 'GET', `/api/users/search?q=${encodeURIComponent('王')}`, {
      token: me.accessToken,
    });
    expect(byName.body.users.map((x: { id: string }) => x.id)).toContain(other.user.id);
    const wildcard = await api(server.url, 'GET', '/api/users/search?q=%25', { token: me.accessToken });
    expect(wildcard.body.users).toEqual([]);
    const empty = await api(server.url, 'GET', '/api/users/search?q=', { token: me.accessToken });
    expect(empty.status).toBe(400);
  });
});

describe('logs', () => {
  it('never contain passwords or tokens', async () => {
    const u = await buildUser(server.url, { password: 'very-secret-password-42' });
    const refreshed = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: u.refreshToken } });
    await api(server.url, 'GET', '/api/me', { token: refreshed.body.accessToken });
    await api(server.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: 'wrong-secret-password-43' },
    });
    expect(logs).toContain('/api/me'); // requests are logged…
    for (const secret of [
      'very-secret-password-42',
      'wrong-secret-password-43',
      u.accessToken,
      u.refreshToken,
      refreshed.body.accessToken,
      refreshed.body.refreshToken,
    ]) {
      expect(logs).not.toContain(secret); // …without secrets
    }
  });
});

describe('unknown routes', () => {
  it('answer 404 with the shared error shape (401 before logging in)', async () => {
    const u = await buildUser(server.url);
    const res = await api(server.url, 'GET', '/api/nope', { token: u.accessToken });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const anonymous = await api(server.url, 'GET', '/api/nope');
    expect(anonymous.status).toBe(401);
  });
});
