import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { MeSchema } from '@app/shared';
import { users } from '@app/server/users/users.tables';
import { refreshTokens } from '@app/server/auth/auth.tables';
import { hashingStats } from '@app/server/auth/auth.passwords';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, uniqueName } from '../support/factories';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
});
afterAll(() => server.close());

describe('register', () => {
  it('creates an account and returns the user with a token pair', async () => {
    const username = uniqueName('Reg');
    const res = await api(server.url, 'POST', '/api/auth/register', {
      body: { username, password: 'a-long-password', displayName: '张三 Zhang' },
    });
    expect(res.status).toBe(201);
    expect(MeSchema.parse(res.body.user)).toMatchObject({
      username: username.toLowerCase(),
      displayName: '张三 Zhang',
      role: 'user',
    });
    expect(res.body.expiresIn).toBe(900);
    const [row] = await server.app.database.db.select().from(users).where(eq(users.username, username.toLowerCase()));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(res.body).not.toHaveProperty('user.passwordHash');
  });

  it('refuses a taken username, whatever its case, and keeps the first account', async () => {
    const first = await buildUser(server.url);
    const res = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: first.user.username.toUpperCase(), password: 'other-password', displayName: 'Impostor' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('username_taken');
    const login = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: first.user.username, password: first.password },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.displayName).toBe(first.user.displayName);
  });

  it('explains every invalid field', async () => {
    const res = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: 'a!', password: 'short', displayName: '' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['displayName', 'password', 'username']);
  });

  it('rejects unknown fields and malformed JSON', async () => {
    const extra = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: uniqueName(), password: 'a-long-password', displayName: 'X', role: 'admin' },
    });
    expect(extra.status).toBe(400);
    const bad = await api(server.url, 'POST', '/api/auth/register', {
      body: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
  });

  it('records who invited a person registering through an invite code', async () => {
    const inviter = await buildUser(server.url);
    const [inviterRow] = await server.app.database.db.select().from(users).where(eq(users.id, inviter.user.id));
    const invitee = await buildUser(server.url, { inviteCode: inviterRow!.inviteCode });
    const [row] = await server.app.database.db.select().from(users).where(eq(users.id, invitee.user.id));
    expect(row?.referredBy).toBe(inviter.user.id);

    const unknown = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: uniqueName(), password: 'a-long-password', displayName: 'X', inviteCode: 'no-such-code' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.inviteCode).toBeDefined();
  });
});

describe('login', () => {
  it('logs in with the right password and refuses a wrong one the same way as an unknown user', async () => {
    const u = await buildUser(server.url);
    const ok = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: u.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(u.user.id);
    const wrong = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: 'nope-nope' },
    });
    const ghost = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: uniqueName(), password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(ghost.status).toBe(401);
    expect(wrong.body).toEqual(ghost.body);
  });

  it('answers the 11th failure in a window with 429, even with the right password', async () => {
    const u = await buildUser(server.url);
    for (let i = 0; i < 10; i++) {
      const res = await api(server.url, 'POST', '/api/auth/login', {
        body: { username: u.user.username, password: `wrong-${i}` },
      });
      expect(res.status).toBe(401);
    }
    const eleventh = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: 'wrong-10' },
    });
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.code).toBe('rate_limited');
    const right = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: u.password },
    });
    expect(right.status).toBe(429);
  });

  it('limits one username guessed from many addresses at once: at most 10 guesses are ever checked', async () => {
    const u = await buildUser(server.url);
    const before = hashingStats().verifications;
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api(server.url, 'POST', '/api/auth/login', {
          body: { username: u.user.username.toUpperCase(), password: `wrong-${i}` },
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` }, // the server trusts its loopback proxy
        }),
      ),
    );
    const codes = guesses.map((g) => g.body.error?.code as string);
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(10);
    expect(codes.every((c) => c === 'invalid_credentials' || c === 'rate_limited')).toBe(true);
    expect(hashingStats().verifications - before).toBe(10);
    const right = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: u.password },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(right.status).toBe(429);
    expect(right.body.error.lockedUntil ?? right.body.error.details?.lockedUntil).toBeDefined();
  });

  it('clears the failure count after a successful login', async () => {
    const u = await buildUser(server.url);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) {
        await api(server.url, 'POST', '/api/auth/login', {
          body: { username: u.user.username, password: 'wrong-pass' },
        });
      }
      const ok = await api(server.url, 'POST', '/api/auth/login', {
        body: { username: u.user.username, password: u.password },
      });
      expect(ok.status).toBe(200);
    }
  });
});

describe('refresh tokens', () => {
  it('rotates: each refresh returns a new pair and spends the old token', async () => {
    const u = await buildUser(server.url);
    const r1 = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(u.refreshToken);
    const me = await api(server.url, 'GET', '/api/me', { token: r1.body.accessToken });
    expect(me.body.id).toBe(u.user.id);
    const r2 = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(200);
  });

  it('revokes the whole chain when a spent token is presented again', async () => {
    const u = await buildUser(server.url);
    const r1 = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: u.refreshToken } });
    const reuse = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('token_reused');
    // The legitimate successor is dead too: the thief and the victim both have to log in again.
    const successor = await api(server.url, 'POST', '/api/auth/refresh', {
      body: { refreshToken: r1.body.refreshToken },
    });
    expect(successor.status).toBe(401);
    const rows = await server.app.database.db.select().from(refreshTokens).where(eq(refreshTokens.userId, u.user.id));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
  });

  it('lets exactly one of many concurrent refreshes with one token win', async () => {
    const u = await buildUser(server.url);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: u.refreshToken } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(7);
  });

  it('keeps other sessions alive when one is revoked', async () => {
    const u = await buildUser(server.url);
    const second = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: u.password },
    });
    await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: u.refreshToken } });
    await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: u.refreshToken } }); // reuse → family revoked
    const other = await api(server.url, 'POST', '/api/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(other.status).toBe(200);
  });

  it('rejects unknown and malformed refresh tokens', async () => {
    const unknown = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: 'x'.repeat(43) } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('token_invalid');
    const malformed = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: 42 } });
    expect(malformed.status).toBe(400);
  });
});

describe('logout', () => {
  it('ends only the session whose refresh token is given', async () => {
    const u = await buildUser(server.url);
    const other = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: u.password },
    });
    const out = await api(server.url, 'POST', '/api/auth/logout', {
      token: u.accessToken,
      body: { refreshToken: u.refreshToken },
    });
    expect(out.status).toBe(204);
    const dead = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(dead.status).toBe(401);
    const alive = await api(server.url, 'POST', '/api/auth/refresh', {
      body: { refreshToken: other.body.refreshToken },
    });
    expect(alive.status).toBe(200);
  });

  it("cannot end another user's session", async () => {
    const a = await buildUser(server.url);
    const b = await buildUser(server.url);
    await api(server.url, 'POST', '/api/auth/logout', { token: a.accessToken, body: { refreshToken: b.refreshToken } });
    const stillB = await api(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken: b.refreshToken } });
    expect(stillB.status).toBe(200);
  });

  it('needs an access token', async () => {
    const res = await api(server.url, 'POST', '/api/auth/logout', { body: {} });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});
