import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalEntries } from '@app/server/wallet/wallet.tables';
import { ownDatabase } from '../support/database';
import { expectLedgerBalanced } from '../support/ledger';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildGroup, buildUser } from '../support/factories';
import type { Db } from '@app/server/schema';

const servers: TestServer[] = [];
// Both servers run expiry with the clock 25 h ahead, which acts on every row: a database of this file's own.
let database: Awaited<ReturnType<typeof ownDatabase>>;
beforeAll(async () => {
  database = await ownDatabase('expiry');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
  await database.drop();
});

const PIN = '864213';

describe('expiry jobs across a crash', () => {
  it('a server dying mid-run leaves no double refund and nothing lost: the next server finishes the rest', async () => {
    const first = await startTestServer({ databaseUrl: database.url });
    servers.push(first);
    const sender = await buildUser(first.url);
    const [b, c] = [await buildUser(first.url), await buildUser(first.url)];
    const groupId = await buildGroup(first.url, sender, [b, c]);
    await api(first.url, 'PUT', '/api/wallet/pin', { token: sender.accessToken, body: { pin: PIN } });
    await api(first.url, 'POST', '/api/wallet/topups', {
      token: sender.accessToken,
      body: { amountFen: 100_000 },
      headers: { 'idempotency-key': randomUUID() },
    });

    const packetIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await api(first.url, 'POST', '/api/redpackets', {
        token: sender.accessToken,
        body: { conversationId: groupId, type: 'lucky', totalFen: 500, shares: 3, pin: PIN },
        headers: { 'idempotency-key': randomUUID() },
      });
      packetIds.push(res.body.packet.id);
    }
    const transferIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api(first.url, 'POST', '/api/transfers', {
        token: sender.accessToken,
        body: { toUserId: b.user.id, amountFen: 1_000, pin: PIN },
        headers: { 'idempotency-key': randomUUID() },
      });
      transferIds.push(res.body.transfer.id);
    }
    // Someone opens the first packet, so its refund is the rest, not the total.
    const claimed = (await api(first.url, 'POST', `/api/redpackets/${packetIds[0]}/claim`, { token: b.accessToken }))
      .body.amountFen as number;
    const balanceBefore = 100_000 - 12 * 500 - 6 * 1_000;

    const later = new Date(Date.now() + 25 * 3_600_000);
    const refunds = async (db: Db, kind: string, ids: string[]) =>
      (
        await db
          .select({ refId: journalEntries.refId })
          .from(journalEntries)
          .where(and(eq(journalEntries.kind, kind), inArray(journalEntries.refId, ids)))
      ).map((r) => r.refId);

    // The first server starts both jobs and dies as soon as the first refunds are committed.
    const runs = Promise.allSettled([first.app.redPackets.expireDue(later), first.app.transfers.expireDue(later)]);
    await expect
      .poll(async () => (await refunds(first.app.database.db, 'redpacket_refund', packetIds)).length, { interval: 5 })
      .toBeGreaterThan(0);
    await first.close();
    await runs; // cut off: queries after the pool closed fail

    const second = await startTestServer({ databaseUrl: database.url });
    servers.push(second);
    const db = second.app.database.db;
    const before = await refunds(db, 'redpacket_refund', packetIds);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(packetIds.length); // the first server really died mid-way
    await second.app.redPackets.expireDue(later);
    await second.app.transfers.expireDue(later);

    // Every packet and transfer refunded exactly once.
    expect((await refunds(db, 'redpacket_refund', packetIds)).sort()).toEqual([...packetIds].sort());
    expect((await refunds(db, 'transfer_refund', transferIds)).sort()).toEqual([...transferIds].sort());
    const wallet = await api(second.url, 'GET', '/api/wallet', { token: sender.accessToken });
    expect(wallet.body.balanceFen).toBe(balanceBefore + 12 * 500 - claimed + 6 * 1_000);
    await expectLedgerBalanced(second.app);
  }, 120_000);
});
