import { performance } from 'node:perf_hooks';
import { checkLedger } from '@app/server/wallet/wallet.ledger';
import { bulkUsers } from '@app/test/support/factories';
import { writeSection } from '../docs';
import { benchApp } from '../app';

/**
 * Red-packet claims under contention (DESIGN §10: 500 concurrent claims on a 100-share packet in a 500-member group
 * settle in < 1 s with exact sums). The real server on Postgres; 500 concurrent HTTP claims per round, timed from the
 * first request to the last answer. Baseline in the same run: 500 concurrent GET /api/health on the same server.
 * Client and server share this process (the claims are the expensive side). Usage: pnpm --filter @app/bench claims
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const { app, base, close } = await benchApp('benchclaims');
try {
  const [sender, ...members] = await bulkUsers(app, 500);
  await app.database.db.execute((await import('drizzle-orm')).sql`
    insert into friendships (user_id, friend_id, source)
    select ${sender!.id}::uuid, id, 'request' from users where id <> ${sender!.id}::uuid
    union all select id, ${sender!.id}::uuid, 'request' from users where id <> ${sender!.id}::uuid`);
  const group = await app.conversations.createGroup(sender!.id, {
    type: 'group',
    title: 'Bench 500',
    memberIds: members.map((m) => m.id),
  });
  await app.wallet.pins.set(sender!.id, { pin: '123456' });
  await app.wallet.topup(sender!.id, ROUNDS * 20_000);

  const timeAll = async (requests: Array<() => Promise<Response>>) => {
    const t0 = performance.now();
    const responses = await Promise.all(requests.map((r) => r()));
    const ms = performance.now() - t0;
    return {
      ms,
      bodies: await Promise.all(
        responses.map(async (r) => ({ status: r.status, body: (await r.json()) as { amountFen?: number } })),
      ),
    };
  };

  const claimMs: number[] = [];
  const healthMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { packet } = await app.redPackets.create(sender!.id, {
      conversationId: group.conversation.id,
      type: 'lucky',
      totalFen: 20_000,
      shares: 100,
      pin: '123456',
    });
    const claims = await timeAll(
      members
        .slice(0, 500)
        .concat(sender!)
        .map(
          (m) => () =>
            fetch(`${base}/api/redpackets/${packet.id}/claim`, {
              method: 'POST',
              headers: { authorization: `Bearer ${m.token}` },
            }),
        ),
    );
    const won = claims.bodies.filter((b) => b.status === 200);
    const sum = won.reduce((s, b) => s + (b.body.amountFen ?? 0), 0);
    if (won.length !== 100 || sum !== 20_000) throw new Error(`round ${round}: ${won.length} winners, ${sum} fen`);
    claimMs.push(claims.ms);
    healthMs.push((await timeAll(members.map(() => () => fetch(`${base}/api/health`)))).ms);
  }
  const ledger = await checkLedger(app.database.db);
  if (!ledger.ok) throw new Error(`ledger check failed: ${JSON.stringify(ledger)}`);

  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const row = `| ${ROUNDS} | ${med(claimMs).toFixed(0)} | ${Math.max(...claimMs).toFixed(0)} | ${med(healthMs).toFixed(0)} | **${(med(claimMs) / med(healthMs)).toFixed(1)}×** | 100 × ${ROUNDS}, sums exact, ledger ok |`;
  const table = [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, Postgres pool ${process.env.DB_POOL_SIZE ?? 30}; 501 concurrent claimers (500 members + sender) per round.`,
    '',
    '| rounds | claims settle, median ms | worst ms | baseline: 500 × GET /api/health, median ms | ratio | winners |',
    '| --- | --- | --- | --- | --- | --- |',
    row,
  ].join('\n');
  writeSection('claims', table);
} finally {
  await close();
}
