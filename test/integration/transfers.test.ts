import { randomUUID } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '@app/shared';
import { transfers } from '@app/server/transfers/transfers.tables';
import { expectLedgerBalanced } from '../support/ledger';
import { ownDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { api, befriend, buildUser, type BuiltUser } from '../support/factories';
import { collect, connectAs } from '../support/sockets';

let server: TestServer;
// Its expiry test moves the clock 25 h ahead for every row: a database of its own (see ownDatabase).
let database: Awaited<ReturnType<typeof ownDatabase>>;
beforeAll(async () => {
  database = await ownDatabase('transfers');
  server = await startTestServer({ databaseUrl: database.url });
});
afterAll(async () => {
  await expectLedgerBalanced(server.app);
  await server.close();
  await database.drop();
});

const PIN = '642135';
const balance = async (u: BuiltUser) =>
  (await api(server.url, 'GET', '/api/wallet', { token: u.accessToken })).body.balanceFen as number;
const send = (u: BuiltUser, body: Record<string, unknown>, key = randomUUID()) =>
  api(server.url, 'POST', '/api/transfers', {
    token: u.accessToken,
    body: { pin: PIN, ...body },
    headers: { 'idempotency-key': key },
  });

async function richFriends(): Promise<[BuiltUser, BuiltUser, string]> {
  const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
  const conversationId = await befriend(server.url, a, b);
  await api(server.url, 'PUT', '/api/wallet/pin', { token: a.accessToken, body: { pin: PIN } });
  await api(server.url, 'POST', '/api/wallet/topups', {
    token: a.accessToken,
    body: { amountFen: 10_000 },
    headers: { 'idempotency-key': randomUUID() },
  });
  return [a, b, conversationId];
}

describe('transfers', () => {
  it('holds the money in escrow, shows a bubble live, and pays the friend on accept', async () => {
    const [a, b, conversationId] = await richFriends();
    const bSocket = await connectAs(server.url, b.accessToken);
    const bubbles = collect(bSocket, 'message:new');
    const updates = collect(bSocket, 'transfer:updated');
    const sent = await send(a, { toUserId: b.user.id, amountFen: 1_250, note: '午饭钱' });
    expect(sent.status).toBe(201);
    expect(sent.body.transfer).toMatchObject({ status: 'pending', amountFen: 1_250, conversationId });
    expect(await balance(a)).toBe(8_750);
    await expect.poll(() => bubbles.map((e) => e.message.kind)).toContain('transfer');

    expect(
      (await api(server.url, 'POST', `/api/transfers/${sent.body.transfer.id}/accept`, { token: a.accessToken }))
        .status,
    ).toBe(404);
    const accepted = await api(server.url, 'POST', `/api/transfers/${sent.body.transfer.id}/accept`, {
      token: b.accessToken,
    });
    expect(accepted.body.transfer.status).toBe('accepted');
    expect(await balance(b)).toBe(1_250);
    await expect.poll(() => updates.map((e) => e.transfer.status)).toEqual(['accepted']);
    const again = await api(server.url, 'POST', `/api/transfers/${sent.body.transfer.id}/accept`, {
      token: b.accessToken,
    });
    expect(again.body.error.code).toBe('transfer_settled');
    expect(await balance(b)).toBe(1_250);
    bSocket.close();
  });

  it('returns the money on decline', async () => {
    const [a, b] = await richFriends();
    const sent = await send(a, { toUserId: b.user.id, amountFen: 3_000 });
    const declined = await api(server.url, 'POST', `/api/transfers/${sent.body.transfer.id}/decline`, {
      token: b.accessToken,
    });
    expect(declined.body.transfer.status).toBe('declined');
    expect([await balance(a), await balance(b)]).toEqual([10_000, 0]);
  });

  it('returns by itself after 24 h — once, even with two job runs at the same time', async () => {
    const [a, b, conversationId] = await richFriends();
    const sent = await send(a, { toUserId: b.user.id, amountFen: 400 });
    expect(await server.app.transfers.expireDue(new Date())).toBe(0); // not due yet
    const later = new Date(Date.now() + 25 * 3_600_000);
    const [first, second] = await Promise.all([
      server.app.transfers.expireDue(later),
      server.app.transfers.expireDue(later),
    ]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    const [row] = await server.app.database.db.select().from(transfers).where(eq(transfers.id, sent.body.transfer.id));
    expect(row?.status).toBe('expired');
    expect(await balance(a)).toBe(10_000);
    expect(await server.app.transfers.expireDue(later)).toBe(0);
    const history = await api(server.url, 'GET', `/api/conversations/${conversationId}/messages`, {
      token: a.accessToken,
    });
    expect(history.body.messages.map((m: Message) => (m.body as { event?: string }).event).filter(Boolean)).toContain(
      'transfer_expired',
    );
    const late = await api(server.url, 'POST', `/api/transfers/${sent.body.transfer.id}/accept`, {
      token: b.accessToken,
    });
    expect(late.body.error.code).toBe('transfer_settled');
  });

  it('refuses a wrong PIN, strangers, and overdrafts, moving nothing', async () => {
    const [a, b] = await richFriends();
    const stranger = await buildUser(server.url);
    expect((await send(a, { toUserId: b.user.id, amountFen: 100, pin: '000000' })).body.error.code).toBe('pin_wrong');
    expect((await send(a, { toUserId: stranger.user.id, amountFen: 100 })).body.error.code).toBe('not_friends');
    expect((await send(a, { toUserId: b.user.id, amountFen: 10_001 })).body.error.code).toBe('insufficient_funds');
    expect((await send(a, { toUserId: b.user.id, amountFen: 0.5 })).status).toBe(400);
    expect(await balance(a)).toBe(10_000);
    const rows = await server.app.database.db.select().from(transfers).where(eq(transfers.fromUserId, a.user.id));
    expect(rows).toEqual([]);
  });

  it('50 identical parallel requests with one Idempotency-Key create one transfer; another body with it is a 409', async () => {
    const [a, b] = await richFriends();
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => send(a, { toUserId: b.user.id, amountFen: 200 }, key)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(results.map((r) => r.body.transfer.id)).size).toBe(1);
    const rows = await server.app.database.db.select().from(transfers).where(eq(transfers.fromUserId, a.user.id));
    expect(rows).toHaveLength(1);
    expect(await balance(a)).toBe(9_800);
    const other = await send(a, { toUserId: b.user.id, amountFen: 300 }, key);
    expect(other.status).toBe(409);
  });

  // Behaviour check. (Node usually notices the hang-up only when the answer is written, after the key stores it, so
  // this cannot force the old bug — releasing the key on 'close' — but it pins what a retry must see.)
  it('a client that hangs up mid-request keeps its key: the retry replays, the money moves once', async () => {
    const [a, b] = await richFriends();
    const key = randomUUID();
    const body = JSON.stringify({ toUserId: b.user.id, amountFen: 150, pin: PIN });
    const { hostname, port } = new URL(server.url);
    // Send the request and hang up while the PIN is being checked (argon2 takes tens of ms), before the transfer is made.
    await new Promise<void>((resolve) => {
      const socket = tcpConnect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname, () => {
        socket.write(
          `POST /api/transfers HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${a.accessToken}\r\n` +
            `Content-Type: application/json\r\nIdempotency-Key: ${key}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 25);
      });
    });
    await expect
      .poll(
        async () =>
          (await server.app.database.db.select().from(transfers).where(eq(transfers.fromUserId, a.user.id))).length,
      )
      .toBe(1);
    const retry = await send(a, { toUserId: b.user.id, amountFen: 150 }, key);
    expect(retry.status).toBe(201);
    const rows = await server.app.database.db.select().from(transfers).where(eq(transfers.fromUserId, a.user.id));
    expect(rows.map((r) => r.id)).toEqual([retry.body.transfer.id]);
    expect(await balance(a)).toBe(9_850);
  });
});
