import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_HEADER } from '@app/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashRefreshToken } from '@app/server/auth/auth.tokens';
import { createLogger } from '@app/server/platform/logger';
import { ownDatabase } from '../support/database';
import { api, befriend, buildUser, uniqueName } from '../support/factories';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/server';

const lines: string[] = [];
let server: TestServer;
let database: Awaited<ReturnType<typeof ownDatabase>>;

beforeAll(async () => {
  // Its own database: the test installs triggers that make inserts fail.
  database = await ownDatabase('logs');
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  server = await startTestServer({ databaseUrl: database.url, logger });
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('logs', () => {
  it('carry no password, hash, token, PIN or secret — also when queries holding them fail', async () => {
    const secrets: string[] = [TEST_JWT_SECRET];
    const pin = '864209';
    secrets.push(pin);

    // Everyday traffic, logged at trace level.
    const alice = await buildUser(server.url, { password: 'log-test-password-1' });
    const bob = await buildUser(server.url);
    secrets.push(alice.password, bob.password, alice.accessToken, alice.refreshToken, bob.refreshToken);
    secrets.push(hashRefreshToken(alice.refreshToken));
    const refreshed = await api(server.url, 'POST', '/api/auth/refresh', {
      body: { refreshToken: alice.refreshToken },
    });
    secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
    await befriend(server.url, alice, bob);
    const token = refreshed.body.accessToken as string;
    expect((await api(server.url, 'PUT', '/api/wallet/pin', { token, body: { pin } })).status).toBe(204);
    await api(server.url, 'POST', '/api/wallet/topups', {
      token,
      body: { amountFen: 500 },
      headers: { [IDEMPOTENCY_KEY_HEADER]: randomUUID() },
    });
    for (const guess of [pin, '000000']) {
      await api(server.url, 'POST', '/api/transfers', {
        token,
        body: { toUserId: bob.user.id, amountFen: 100, pin: guess },
        headers: { [IDEMPOTENCY_KEY_HEADER]: randomUUID() },
      });
    }

    // Queries whose parameters are a password hash, a PIN hash and a refresh-token hash fail in the database.
    await sql(`
      create function fail_for_test() returns trigger language plpgsql as $$
        begin raise exception 'injected failure'; end $$;
      create trigger fail_users before insert on users
        for each row when (new.username like 'logfail%') execute function fail_for_test();
      create trigger fail_pins before insert or update on wallet_pins
        for each row execute function fail_for_test();
      create trigger fail_sessions before insert on refresh_tokens
        for each row execute function fail_for_test();`);
    const failed = [
      await api(server.url, 'POST', '/api/auth/register', {
        body: { username: `logfail${uniqueName().slice(-8)}`, password: 'log-test-password-2', displayName: 'F' },
      }),
      await api(server.url, 'PUT', '/api/wallet/pin', { token, body: { currentPin: pin, pin: '975310' } }),
      await api(server.url, 'POST', '/api/auth/login', {
        body: { username: bob.user.username, password: bob.password },
      }),
    ];
    secrets.push('log-test-password-2', '975310');
    expect(failed.map((r) => r.status)).toEqual([500, 500, 500]);

    const errors = lines.filter((l) => l.includes('unhandled request error'));
    expect(errors).toHaveLength(3);
    expect(errors.join('\n')).toContain('injected failure'); // the cause is still there to debug with
    for (const line of lines) {
      expect(line).not.toMatch(/\$argon2/);
      expect(line).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // a JWT
      expect(line).not.toMatch(/params: (?!\[redacted\])/);
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
  });
});
