import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LedgerCheckSchema } from '@app/shared';
import { credentialGuards } from '@app/server/auth/auth.tables';
import { hashingStats } from '@app/server/auth/auth.passwords';
import { users } from '@app/server/users/users.tables';
import { walletPins, accounts } from '@app/server/wallet/wallet.tables';
import { checkLedger, escrowAccount, postEntry, userAccount } from '@app/server/wallet/wallet.ledger';
import { AppError } from '@app/server/platform/errors';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';

let server: TestServer;
let admin: BuiltUser;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  const a = await buildUser(server.url);
  await server.app.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, a.user.id));
  const login = await api(server.url, 'POST', '/api/auth/login', {
    body: { username: a.user.username, password: a.password },
  });
  admin = { ...login.body, password: a.password };
});
afterAll(async () => {
  // Every money test ends here: the invariants of DESIGN §5 over the whole database, live through the admin API.
  const check = await api(server.url, 'GET', '/api/admin/ledger/check', { token: admin.accessToken });
  expect(LedgerCheckSchema.parse(check.body)).toMatchObject({
    ok: true,
    sumFen: 0,
    mismatches: [],
    negative: [],
    unbalancedEntries: [],
  });
  await server.close();
});

const topup = (u: BuiltUser, amountFen: unknown, key: string | null = randomUUID()) =>
  api(server.url, 'POST', '/api/wallet/topups', {
    token: u.accessToken,
    body: { amountFen },
    headers: key ? { 'idempotency-key': key } : {},
  });

describe('top-ups and statement', () => {
  it('tops up from the sandbox card and lists the movement', async () => {
    const u = await buildUser(server.url);
    expect((await api(server.url, 'GET', '/api/wallet', { token: u.accessToken })).body).toEqual({
      balanceFen: 0,
      hasPin: false,
      lockedUntil: null,
    });
    expect((await topup(u, 12_345)).body.balanceFen).toBe(12_345);
    expect((await topup(u, 55)).body.balanceFen).toBe(12_400);
    const statement = await api(server.url, 'GET', '/api/wallet/statement?limit=1', { token: u.accessToken });
    expect(statement.body.lines).toMatchObject([{ kind: 'topup', amountFen: 55, balanceAfterFen: 12_400 }]);
    const older = await api(server.url, 'GET', `/api/wallet/statement?cursor=${statement.body.nextCursor}`, {
      token: u.accessToken,
    });
    expect(older.body).toMatchObject({ lines: [{ amountFen: 12_345 }], nextCursor: null });
  });

  it('refuses floats, zero, negatives and huge amounts, changing nothing', async () => {
    const u = await buildUser(server.url);
    for (const amount of [1.5, 0, -100, '100', 5_000_001, null]) {
      const res = await topup(u, amount);
      expect(res.status, String(amount)).toBe(400);
    }
    expect((await api(server.url, 'GET', '/api/wallet', { token: u.accessToken })).body.balanceFen).toBe(0);
  });
});

describe('Idempotency-Key', () => {
  it('50 identical parallel requests with one key move the money once and all get the same answer', async () => {
    const u = await buildUser(server.url);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 50 }, () => topup(u, 700, key)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    for (const r of results) expect(r.body).toEqual(results[0]!.body); // replays come back from jsonb: same object
    expect((await api(server.url, 'GET', '/api/wallet', { token: u.accessToken })).body.balanceFen).toBe(700);
    const statement = await api(server.url, 'GET', '/api/wallet/statement', { token: u.accessToken });
    expect(statement.body.lines).toHaveLength(1);
  });

  it('the same key with a different body is a 409; no key is a 400', async () => {
    const u = await buildUser(server.url);
    const key = randomUUID();
    expect((await topup(u, 100, key)).status).toBe(201);
    const other = await topup(u, 200, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect((await topup(u, 100, null)).status).toBe(400);
    expect((await api(server.url, 'GET', '/api/wallet', { token: u.accessToken })).body.balanceFen).toBe(100);
  });

  it('keys belong to one user: another user with the same key is a separate request', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const key = randomUUID();
    await topup(a, 300, key);
    expect((await topup(b, 300, key)).status).toBe(201);
    expect((await api(server.url, 'GET', '/api/wallet', { token: b.accessToken })).body.balanceFen).toBe(300);
  });
});

describe('payment PIN', () => {
  const setPin = (u: BuiltUser, body: unknown) =>
    api(server.url, 'PUT', '/api/wallet/pin', { token: u.accessToken, body });

  it('is 6 digits, stored as argon2id, and changing it needs the current one', async () => {
    const u = await buildUser(server.url);
    expect((await setPin(u, { pin: '12345' })).status).toBe(400);
    expect((await setPin(u, { pin: '12345a' })).status).toBe(400);
    expect((await setPin(u, { pin: '135790' })).status).toBe(204);
    const [row] = await server.app.database.db.select().from(walletPins).where(eq(walletPins.userId, u.user.id));
    expect(row?.pinHash).toMatch(/^\$argon2id\$/);
    expect((await setPin(u, { pin: '000000' })).body.error.code).toBe('pin_required');
    expect((await setPin(u, { pin: '000000', currentPin: '135790' })).status).toBe(204);
    expect((await api(server.url, 'GET', '/api/wallet', { token: u.accessToken })).body.hasPin).toBe(true);
  });

  it('locks for 15 minutes after 5 wrong tries in a row, refusing even the right PIN, then works again', async () => {
    const u = await buildUser(server.url);
    await setPin(u, { pin: '246810' });
    for (let i = 0; i < 4; i++) {
      const wrong = await setPin(u, { pin: '111111', currentPin: '999999' });
      expect(wrong.body.error.code).toBe('pin_wrong');
      expect(wrong.body.error.message).toContain(`${4 - i}`);
      expect(wrong.body.error.details).toEqual({ triesLeft: 4 - i });
    }
    const fifth = await setPin(u, { pin: '111111', currentPin: '999999' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('pin_locked');
    expect(fifth.body.error.message).toMatch(/15 more minutes/);
    expect(Date.parse(fifth.body.error.details.lockedUntil) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect((await setPin(u, { pin: '111111', currentPin: '246810' })).body.error.code).toBe('pin_locked');
    expect((await api(server.url, 'GET', '/api/wallet', { token: u.accessToken })).body.lockedUntil).not.toBeNull();

    // Drive the clock: the lock ends.
    await server.app.database.db
      .update(credentialGuards)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(credentialGuards.key, `pin:${u.user.id}`));
    expect((await setPin(u, { pin: '111111', currentPin: '246810' })).status).toBe(204);
  });

  it('100 concurrent wrong PINs: at most 5 are ever checked, and the right one sent after them is refused', async () => {
    const u = await buildUser(server.url);
    await setPin(u, { pin: '246810' });
    const before = hashingStats().verifications;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        setPin(u, { pin: '111111', currentPin: String(100_000 + i) }).then((r) => r.body.error?.code as string),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
    const right = await setPin(u, { pin: '111111', currentPin: '246810' });
    expect(right.body.error.code).toBe('pin_locked');
    const count = (code: string) => answers.filter((a) => a === code).length;
    // Four "wrong" answers, then the fifth wrong one locks; everything else is refused unchecked (locked, or too
    // many waiting at once).
    expect(count('pin_wrong')).toBe(4);
    expect(count('pin_locked') + count('rate_limited')).toBe(96);
    expect(answers).not.toContain(undefined);
    expect(hashingStats().verifications - before).toBe(5);
  });

  it('a guess in flight on a node that died is counted, and its lease frees the PIN for the next one', async () => {
    const u = await buildUser(server.url);
    await setPin(u, { pin: '246810' });
    const db = server.app.database.db;
    // What a node killed between counting an attempt and answering leaves behind.
    await db
      .insert(credentialGuards)
      .values({ key: `pin:${u.user.id}`, failedCount: 1, busyUntil: sql`now() + interval '300 milliseconds'` });
    const wrong = await setPin(u, { pin: '111111', currentPin: '999999' });
    expect(wrong.body.error.details).toEqual({ triesLeft: 3 });
  });

  it('a right PIN resets the count', async () => {
    const u = await buildUser(server.url);
    await setPin(u, { pin: '246810' });
    for (let i = 0; i < 4; i++) await setPin(u, { pin: '111111', currentPin: '999999' });
    expect((await setPin(u, { pin: '246810', currentPin: '246810' })).status).toBe(204);
    expect((await setPin(u, { pin: '111111', currentPin: '999999' })).body.error.code).toBe('pin_wrong');
  });
});

describe('ledger', () => {
  it('1,000 concurrent 1-fen debits on a 100-fen balance: exactly 100 succeed, the rest are insufficient_funds', async () => {
    const u = await buildUser(server.url);
    await topup(u, 100);
    const db = server.app.database.db;
    const [mine, escrow] = [await userAccount(db, u.user.id), await escrowAccount(db)];
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, () =>
        db.transaction((tx) =>
          postEntry(tx, { kind: 'test_debit' }, [
            { accountId: mine, amountFen: -1 },
            { accountId: escrow, amountFen: 1 },
          ]),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failures).toHaveLength(900);
    expect(failures.every((f) => f.reason instanceof AppError && f.reason.code === 'insufficient_funds')).toBe(true);
    const [row] = await db.select().from(accounts).where(eq(accounts.id, mine));
    expect(row?.balanceFen).toBe(0);
    // Give the escrowed fen back so the shared database keeps only real movements in flight.
    await db.transaction((tx) =>
      postEntry(tx, { kind: 'test_refund' }, [
        { accountId: escrow, amountFen: -100 },
        { accountId: mine, amountFen: 100 },
      ]),
    );
  }, 120_000);

  it('the database itself refuses an overdraft, whatever the code does', async () => {
    const u = await buildUser(server.url);
    const account = await userAccount(server.app.database.db, u.user.id);
    await expect(
      server.app.database.db.update(accounts).set({ balanceFen: -1 }).where(eq(accounts.id, account)),
    ).rejects.toThrow();
  });

  it('the ledger check sees a balance that disagrees with its journal (in a rolled-back transaction)', async () => {
    const u = await buildUser(server.url);
    await topup(u, 500);
    const account = await userAccount(server.app.database.db, u.user.id);
    let seen: Awaited<ReturnType<typeof checkLedger>> | undefined;
    await server.app.database.db
      .transaction(async (tx) => {
        await tx.update(accounts).set({ balanceFen: 501 }).where(eq(accounts.id, account));
        seen = await checkLedger(tx);
        tx.rollback();
      })
      .catch(() => undefined); // the rollback
    expect(seen?.ok).toBe(false);
    expect(seen?.mismatches).toContainEqual({ accountId: account, balanceFen: 501, journalFen: 500 });
    expect(seen?.sumFen).toBe(1);
    expect((await checkLedger(server.app.database.db)).mismatches).toEqual([]);
    expect((await api(server.url, 'GET', '/api/admin/ledger/check', { token: u.accessToken })).status).toBe(403);
  });
});
