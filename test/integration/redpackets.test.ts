import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '@app/shared';
import { redPacketShares } from '@app/server/redpackets/redpackets.tables';
import { journalEntries } from '@app/server/wallet/wallet.tables';
import { expectLedgerBalanced } from '../support/ledger';
import { ownDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { api, befriend, buildGroup, buildUser, bulkUsers, type BuiltUser } from '../support/factories';
import { collect, connectAs } from '../support/sockets';

let server: TestServer;
// Its expiry test moves the clock 25 h ahead for every row: a database of its own (see ownDatabase).
let database: Awaited<ReturnType<typeof ownDatabase>>;
beforeAll(async () => {
  database = await ownDatabase('redpackets');
  server = await startTestServer({ databaseUrl: database.url });
});
afterAll(async () => {
  await expectLedgerBalanced(server.app);
  await server.close();
  await database.drop();
});

const PIN = '975312';
const balanceOf = async (token: string) =>
  (await api(server.url, 'GET', '/api/wallet', { token })).body.balanceFen as number;
const claim = (token: string, id: string) => api(server.url, 'POST', `/api/redpackets/${id}/claim`, { token });

async function richUser(): Promise<BuiltUser> {
  const u = await buildUser(server.url);
  await api(server.url, 'PUT', '/api/wallet/pin', { token: u.accessToken, body: { pin: PIN } });
  await api(server.url, 'POST', '/api/wallet/topups', {
    token: u.accessToken,
    body: { amountFen: 50_000 },
    headers: { 'idempotency-key': randomUUID() },
  });
  return u;
}
const sendPacket = (u: BuiltUser, body: Record<string, unknown>) =>
  api(server.url, 'POST', '/api/redpackets', {
    token: u.accessToken,
    body: { pin: PIN, ...body },
    headers: { 'idempotency-key': randomUUID() },
  });

describe('group red packets under contention', () => {
  it('500 concurrent claims on a 100-share lucky packet: 100 winners, 400 clean redpacket_empty, exact sums', async () => {
    const sender = await richUser();
    const members = await bulkUsers(server.app, 499, sender.user.id);
    const group = await server.app.conversations.createGroup(sender.user.id, {
      type: 'group',
      title: 'Big 500',
      memberIds: members.map((m) => m.id),
    });
    expect(group.members).toHaveLength(500);
    const sent = await sendPacket(sender, {
      conversationId: group.conversation.id,
      type: 'lucky',
      totalFen: 10_000,
      shares: 100,
      greeting: '大吉大利',
    });
    expect(sent.status).toBe(201);
    expect(await balanceOf(sender.accessToken)).toBe(40_000);

    const results = await Promise.all(
      [...members.map((m) => m.token), sender.accessToken].map((t) => claim(t, sent.body.packet.id)),
    );
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status !== 200);
    expect(winners).toHaveLength(100);
    expect(losers).toHaveLength(400);
    expect(losers.every((r) => r.status === 409 && r.body.error.code === 'redpacket_empty')).toBe(true);
    const amounts = winners.map((r) => r.body.amountFen as number);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(Math.min(...amounts)).toBeGreaterThanOrEqual(1);
    const shares = await server.app.database.db
      .select()
      .from(redPacketShares)
      .where(eq(redPacketShares.packetId, sent.body.packet.id));
    expect(new Set(shares.map((s) => s.claimedBy)).size).toBe(100);

    const detail = await api(server.url, 'GET', `/api/redpackets/${sent.body.packet.id}`, {
      token: sender.accessToken,
    });
    expect(detail.body.packet).toMatchObject({ status: 'finished', claimedShares: 100, claimedFen: 10_000 });
    expect(detail.body.claims.filter((c: { best: boolean }) => c.best)).toHaveLength(1);
    expect(detail.body.claims.find((c: { best: boolean }) => c.best).amountFen).toBe(Math.max(...amounts));
  }, 120_000);
});

describe('red packet rules', () => {
  it('refuses amounts and shares out of range', async () => {
    const sender = await richUser();
    const [b, c] = [await buildUser(server.url), await buildUser(server.url)];
    const groupId = await buildGroup(server.url, sender, [b, c]);
    for (const body of [
      { type: 'lucky', totalFen: 20_001, shares: 2 },
      { type: 'lucky', totalFen: 100, shares: 4 }, // group of 3
      { type: 'lucky', totalFen: 2, shares: 3 },
      { type: 'lucky', totalFen: 100, shares: 0 },
      { type: 'equal', totalFen: 10.5, shares: 2 },
      { type: 'single', totalFen: 100, shares: 1 }, // single is for direct chats
    ]) {
      const res = await sendPacket(sender, { conversationId: groupId, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await balanceOf(sender.accessToken)).toBe(50_000);
  });

  it('tells every member when the last share is gone, and only the sender and claimer before that', async () => {
    const sender = await richUser();
    const [b, c] = [await buildUser(server.url), await buildUser(server.url)];
    const groupId = await buildGroup(server.url, sender, [b, c]);
    const sent = await sendPacket(sender, { conversationId: groupId, type: 'lucky', totalFen: 50, shares: 2 });
    const watcher = await connectAs(server.url, c.accessToken);
    const seen = collect(watcher, 'redpacket:claimed');
    await claim(b.accessToken, sent.body.packet.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([]);
    await claim(sender.accessToken, sent.body.packet.id);
    await expect.poll(() => seen.map((e) => e.packet.status)).toEqual(['finished']);
    watcher.close();
  });

  it('1:1: only the recipient may open it, once', async () => {
    const sender = await richUser();
    const b = await buildUser(server.url);
    const conversationId = await befriend(server.url, sender, b);
    const sent = await sendPacket(sender, { conversationId, type: 'single', totalFen: 888, shares: 1 });
    expect((await claim(sender.accessToken, sent.body.packet.id)).body.error.code).toBe('forbidden');
    expect((await claim(b.accessToken, sent.body.packet.id)).body).toEqual({ amountFen: 888 });
    expect((await claim(b.accessToken, sent.body.packet.id)).body.error.code).toBe('redpacket_already_claimed');
    expect(await balanceOf(b.accessToken)).toBe(888);
  });

  it('equal split; someone who left the group cannot claim; strangers cannot even look', async () => {
    const sender = await richUser();
    const [b, c, stranger] = [await buildUser(server.url), await buildUser(server.url), await buildUser(server.url)];
    const groupId = await buildGroup(server.url, sender, [b, c]);
    const sent = await sendPacket(sender, { conversationId: groupId, type: 'equal', totalFen: 100, shares: 3 });
    await api(server.url, 'DELETE', `/api/conversations/${groupId}/members/${c.user.id}`, { token: c.accessToken });
    expect((await claim(c.accessToken, sent.body.packet.id)).body.error.code).toBe('forbidden');
    expect((await claim(stranger.accessToken, sent.body.packet.id)).status).toBe(403);
    expect(
      (await api(server.url, 'GET', `/api/redpackets/${sent.body.packet.id}`, { token: stranger.accessToken })).status,
    ).toBe(403);
    expect((await claim(b.accessToken, sent.body.packet.id)).body.amountFen).toBe(34);
    expect((await claim(sender.accessToken, sent.body.packet.id)).body.amountFen).toBe(33);
  });

  it('after 24 h the rest goes back to the sender once, with a system line, and late claims see redpacket_expired', async () => {
    const sender = await richUser();
    const [b, c] = [await buildUser(server.url), await buildUser(server.url)];
    const groupId = await buildGroup(server.url, sender, [b, c]);
    const sent = await sendPacket(sender, { conversationId: groupId, type: 'lucky', totalFen: 1_000, shares: 3 });
    const got = (await claim(b.accessToken, sent.body.packet.id)).body.amountFen as number;
    const later = new Date(Date.now() + 25 * 3_600_000);
    // Two job runs at once (two nodes, or a restart racing the old process): the rest is returned exactly once.
    await Promise.all([server.app.redPackets.expireDue(later), server.app.redPackets.expireDue(later)]);
    const refunds = await server.app.database.db
      .select()
      .from(journalEntries)
      .where(and(eq(journalEntries.refId, sent.body.packet.id), eq(journalEntries.kind, 'redpacket_refund')));
    expect(refunds).toHaveLength(1);
    expect(await balanceOf(sender.accessToken)).toBe(50_000 - got);
    expect(await server.app.redPackets.expireDue(later)).toBe(0);
    expect((await claim(c.accessToken, sent.body.packet.id)).body.error.code).toBe('redpacket_expired');
    const history = await api(server.url, 'GET', `/api/conversations/${groupId}/messages`, {
      token: sender.accessToken,
    });
    const line = history.body.messages.find(
      (m: Message) => (m.body as { event?: string }).event === 'redpacket_returned',
    );
    expect(line.body).toMatchObject({ packetId: sent.body.packet.id, amountFen: 1_000 - got });
  });
});
