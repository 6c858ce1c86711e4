import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDEMPOTENCY_KEY_HEADER } from '@app/shared';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@app/server/platform/db';
import { schema } from '@app/server/schema';
import { checkLedger } from '@app/server/wallet/wallet.ledger';
import { ownDatabase } from '../support/database';
import { api, type Api } from '../support/factories';
import { startMainProcess } from '../support/process';

const PIN = '246810';
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Run = ReturnType<typeof startMainProcess>;

async function serve(env: Record<string, string>): Promise<{ run: Run; url: string }> {
  const run = startMainProcess(env);
  cleanups.push(async () => {
    run.child.kill('SIGKILL');
    await run.exited;
  });
  await expect.poll(run.output, { timeout: 60_000 }).toMatch(/running: http:\/\/localhost:\d+/);
  return { run, url: /running: (http:\/\/localhost:\d+)/.exec(run.output())![1]! };
}

async function login(url: string, username: string): Promise<{ token: string; userId: string }> {
  const res = await api(url, 'POST', '/api/auth/login', { body: { username, password: 'demo-pass-123' } });
  expect(res.status).toBe(200);
  return { token: res.body.accessToken, userId: res.body.user.id };
}

interface MoneyRequest {
  path: string;
  key: string;
  body: Record<string, unknown>;
}

const send = (url: string, token: string, r: MoneyRequest): Promise<Api> =>
  api(url, 'POST', r.path, { token, body: r.body, headers: { [IDEMPOTENCY_KEY_HEADER]: r.key } });

/** What a client does: the same key again while the answer says "later" (busy, rate limited, still running). */
async function sendUntilDefinite(url: string, token: string, r: MoneyRequest): Promise<Api> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await send(url, token, r);
    const later = res.status === 429 || res.status === 503 || res.body?.error?.code === 'conflict';
    if (!later || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 300));
  }
}

describe('Idempotency-Key across a crash (a node SIGKILLed mid-request)', () => {
  it('every key of 25 transfers and red packets in flight gets one definite answer after restart; money moves once', async () => {
    const database = await ownDatabase('crash');
    cleanups.push(database.drop);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'superapp-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = {
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      BUNDLED_APPS: 'none',
      IDEMPOTENCY_LEASE_SECONDS: '3',
    };

    let { run, url } = await serve(env);
    let alice = await login(url, 'alice');
    const bob = await login(url, 'bob');
    expect((await api(url, 'PUT', '/api/wallet/pin', { token: alice.token, body: { pin: PIN } })).status).toBe(204);
    const topup = await api(url, 'POST', '/api/wallet/topups', {
      token: alice.token,
      body: { amountFen: 1_000_000 },
      headers: { [IDEMPOTENCY_KEY_HEADER]: randomUUID() },
    });
    expect(topup.status).toBe(201);
    const friends = await api(url, 'GET', '/api/friends', { token: alice.token });
    const direct = (friends.body.friends as Array<{ user: { id: string }; conversationId: string }>).find(
      (f) => f.user.id === bob.userId,
    )!.conversationId;

    const requests: MoneyRequest[] = Array.from({ length: 25 }, (_, i) =>
      i % 2 === 0
        ? { path: '/api/transfers', key: randomUUID(), body: { toUserId: bob.userId, amountFen: 100 + i, pin: PIN } }
        : {
            path: '/api/redpackets',
            key: randomUUID(),
            body: { conversationId: direct, type: 'single', totalFen: 100 + i, shares: 1, pin: PIN },
          },
    );
    const firstAnswers = new Map<string, Api>();
    const inFlight = requests.map((r) =>
      send(url, alice.token, r).then(
        (res) => void (res.status === 201 && firstAnswers.set(r.key, res)), // refusals (busy) the client retries
        () => undefined, // the connection died with the server
      ),
    );
    // Kill once a few have been made: the rest are queued on the PIN, hashing, or committing.
    await expect.poll(() => firstAnswers.size, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(3);
    run.child.kill('SIGKILL');
    await run.exited;
    await Promise.all(inFlight);
    expect(firstAnswers.size).toBeLessThan(requests.length); // some really were cut off

    ({ run, url } = await serve(env));
    alice = await login(url, 'alice');
    const retries = await Promise.all(requests.map((r) => sendUntilDefinite(url, alice.token, r)));

    // A definite answer for every key: the one already given, or the effect made exactly once now.
    for (const [i, r] of requests.entries()) {
      expect(retries[i]!.status, JSON.stringify(retries[i]!.body)).toBe(201);
      const first = firstAnswers.get(r.key);
      if (first) expect(retries[i]!.body).toEqual(first.body);
    }
    const ids = retries.map((res) => (res.body.transfer ?? res.body.packet).id as string);
    expect(new Set(ids).size).toBe(requests.length);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const made = await client.query<{ n: string; fen: string }>(
        `select count(*) as n, coalesce(sum(amount), 0) as fen from (
           select amount_fen as amount from transfers where from_user_id = $1
           union all select total_fen from red_packets where sender_id = $1) moves`,
        [alice.userId],
      );
      const spent = requests.reduce((sum, r) => sum + Number(r.body.amountFen ?? r.body.totalFen), 0);
      expect(made.rows[0]).toEqual({ n: String(requests.length), fen: String(spent) });
    } finally {
      await client.end();
    }
    const wallet = await api(url, 'GET', '/api/wallet', { token: alice.token });
    expect(wallet.body.wallet?.balanceFen ?? wallet.body.balanceFen).toBe(
      1_000_000 - requests.reduce((s, r) => s + Number(r.body.amountFen ?? r.body.totalFen), 0),
    );

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const db = await openDatabase({ databaseUrl: database.url, dataDir, poolSize: 2 }, schema);
    try {
      expect(await checkLedger(db.db)).toMatchObject({ ok: true, sumFen: 0, mismatches: [], negative: [] });
    } finally {
      await db.close();
    }
  }, 180_000);
});
