import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ARGON2_OPTIONS, DEFAULT_HASHING_LIMITS, hashingStats } from '@app/server/auth/auth.passwords';
import { checkLedger } from '@app/server/wallet/wallet.ledger';
import { buildUser, bulkUsers } from '@app/test/support/factories';
import { writeSection } from '../docs';
import { benchApp } from '../app';

/**
 * Login latency while the server checks a burst of payment PINs (issue #17: 200 concurrent transfers with a PIN used
 * to take 61 s and hold a login for 59 s). The real server on Postgres, client and server in this process (argon2
 * runs on libuv threads either way). Baseline in the same run: logins on the idle server. Each burst phase sends its
 * 200 transfers at once and, while they run, logs in one after another until the burst has answered.
 * Usage: pnpm --filter @app/bench login-burst
 */
const LOGINS = 20;
const PIN = '123456';
const { app, base, close } = await benchApp('benchlogin', { limits: { loginFailuresPerAddress: 1_000_000 } });

/** A money POST; a connection reset (an idle keep-alive socket the server closed) is retried with the same key. */
const post = async (token: string, pathname: string, body: unknown): Promise<Response> => {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  };
  return fetch(`${base}${pathname}`, init).catch(() => fetch(`${base}${pathname}`, init));
};

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

try {
  const member = await buildUser(base, { password: 'correct horse battery' });
  const loginOnce = async () => {
    const t0 = performance.now();
    // node:http, not fetch: the burst's 200 fetches must not queue this request inside the client.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/api/auth/login`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ username: member.user.username, password: member.password }));
    });
    if (status !== 200) throw new Error(`login answered ${status}`);
    return performance.now() - t0;
  };
  const [receiver] = await bulkUsers(app, 1);
  const payers = await bulkUsers(app, 100, receiver!.id);
  for (const p of payers) {
    await app.wallet.pins.set(p.id, { pin: PIN });
    await app.wallet.topup(p.id, 100_000);
  }
  const [attacker] = payers;

  /** Sends the burst, logs in sequentially until it has all answered; login times and the burst's outcome. */
  const during = async (burst: Array<() => Promise<Response>>) => {
    const logins: number[] = [];
    let done = false;
    const t0 = performance.now();
    const answers = Promise.all(
      burst.map((send) => send().then((r) => r.json().then((b) => ({ status: r.status, b })))),
    );
    void answers.finally(() => (done = true));
    while (!done || logins.length < 3) logins.push(await loginOnce());
    const outcome = await answers;
    const burstMs = performance.now() - t0;
    const count = (pred: (o: (typeof outcome)[number]) => boolean) => outcome.filter(pred).length;
    return {
      logins,
      burstMs,
      made: count((o) => o.status === 201),
      refused: count((o) => o.status !== 201),
      codes: [
        ...new Set(outcome.filter((o) => o.status !== 201).map((o) => (o.b as { error: { code: string } }).error.code)),
      ],
    };
  };

  const idle: number[] = [];
  for (let i = 0; i < LOGINS; i++) idle.push(await loginOnce());
  const verifiedBefore = hashingStats().verifications;
  const phases = [
    {
      label: '1 person, 200 transfers at once, right PIN',
      run: () =>
        during(
          Array.from(
            { length: 200 },
            () => () => post(attacker!.token, '/api/transfers', { toUserId: receiver!.id, amountFen: 1, pin: PIN }),
          ),
        ),
    },
    {
      label: '1 person, 200 wrong PINs at once',
      run: () =>
        during(
          Array.from(
            { length: 200 },
            (_, i) => () =>
              post(payers[1]!.token, '/api/transfers', {
                toUserId: receiver!.id,
                amountFen: 1,
                pin: String(100_000 + i),
              }),
          ),
        ),
    },
    {
      label: '98 people, 2 transfers each at once, right PIN',
      run: () =>
        during(
          payers
            .slice(2)
            .flatMap((p) =>
              [0, 1].map(
                () => () => post(p.token, '/api/transfers', { toUserId: receiver!.id, amountFen: 1, pin: PIN }),
              ),
            ),
        ),
    },
  ];
  const rows: string[] = [];
  const idleP50 = quantile(idle, 0.5);
  rows.push(`| idle (baseline) | — | ${idleP50.toFixed(0)} / ${quantile(idle, 0.99).toFixed(0)} | 1.0× | — | — |`);
  for (const phase of phases) {
    const r = await phase.run();
    const p50 = quantile(r.logins, 0.5);
    const p99 = quantile(r.logins, 0.99);
    rows.push(
      `| ${phase.label} | ${(r.burstMs / 1000).toFixed(1)} s | ${p50.toFixed(0)} / ${p99.toFixed(0)} | **${(p50 / idleP50).toFixed(1)}× / ${(p99 / idleP50).toFixed(1)}×** | ${r.made} made, ${r.refused} refused | ${r.codes.join(', ') || '—'} |`,
    );
    await new Promise((resolve) => setTimeout(resolve, 11_000)); // busy leases and PIN locks of this phase lapse
  }
  const ledger = await checkLedger(app.database.db);
  if (!ledger.ok) throw new Error(`ledger check failed: ${JSON.stringify(ledger)}`);
  const pinsVerified = hashingStats().verifications - verifiedBefore;
  const table = [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, argon2id m=${ARGON2_OPTIONS.memoryCost} KiB t=${ARGON2_OPTIONS.timeCost} p=${ARGON2_OPTIONS.parallelism}, hashing concurrency ${DEFAULT_HASHING_LIMITS.concurrency}, queue ${DEFAULT_HASHING_LIMITS.maxQueued}; ${pinsVerified} argon2 verifications across the bursts (logins included); ledger ok.`,
    '',
    '| load | burst answered in | login p50 / p99 ms | vs idle p50 | transfers | refusals |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  writeSection('login', table);
} finally {
  await close();
}
