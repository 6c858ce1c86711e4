import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Message } from '@app/shared';
import { messages } from '@app/server/chat/chat.tables';
import { startTestServer, type TestServer } from '../support/server';
import { api, befriend, buildGroup, buildUser, type BuiltUser } from '../support/factories';
import { collect, connectAs, emitAck, type ClientSocket } from '../support/sockets';

let server: TestServer;
const open: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl'), limits: { messagesPer10sPerUser: 1000 } });
});
afterEach(() => {
  open.splice(0).forEach((s) => s.close());
});
afterAll(() => server.close());

async function socketOf(u: BuiltUser): Promise<ClientSocket> {
  const s = await connectAs(server.url, u.accessToken);
  open.push(s);
  return s;
}

const text = (conversationId: string, t: string, clientMsgId = randomUUID()) => ({
  conversationId,
  clientMsgId,
  kind: 'text',
  body: { text: t },
});

async function messageCount(conversationId: string): Promise<number> {
  const [row] = await server.app.database.db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.conversationId, conversationId));
  return row!.n;
}

describe('per-conversation seq', () => {
  it('20 concurrent senders × 100 messages get 2,000 consecutive seqs with no gaps or duplicates', async () => {
    const owner = await buildUser(server.url);
    const others = await Promise.all(Array.from({ length: 19 }, () => buildUser(server.url)));
    const groupId = await buildGroup(server.url, owner, others);
    const senders = [owner, ...others];
    const sockets = await Promise.all(senders.map(socketOf));
    const before = await messageCount(groupId); // the "group created" line

    const acks = await Promise.all(
      sockets.flatMap((s, i) =>
        Array.from({ length: 100 }, (_, j) =>
          emitAck<{ message: Message }>(s, 'message:send', text(groupId, `${i}-${j}`), 30_000),
        ),
      ),
    );
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    const seqs = acks.map((a) => (a.ok ? a.data.message.seq : -1)).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(2000);
    expect(seqs[0]).toBe(before + 1);
    expect(seqs[1999]).toBe(before + 2000);

    const stored = await server.app.database.db
      .select({ seq: messages.seq })
      .from(messages)
      .where(eq(messages.conversationId, groupId));
    const all = stored.map((r) => r.seq).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: before + 2000 }, (_, k) => k + 1));
  }, 120_000);
});

describe('idempotent sends', () => {
  it('stores a clientMsgId sent 5 times (in parallel and again later) once, and every ack returns that message', async () => {
    const a = await buildUser(server.url);
    const b = await buildUser(server.url);
    const conversationId = await befriend(server.url, a, b);
    const phone = await socketOf(a);
    const laptop = await socketOf(a); // a reconnect-style retry can come from another connection
    const bobSees = collect(await socketOf(b), 'message:new');
    const payload = text(conversationId, 'only once');
    const before = await messageCount(conversationId);

    const acks = await Promise.all([
      emitAck<{ message: Message }>(phone, 'message:send', payload),
      emitAck<{ message: Message }>(phone, 'message:send', payload),
      emitAck<{ message: Message }>(laptop, 'message:send', payload),
      emitAck<{ message: Message }>(laptop, 'message:send', payload),
    ]);
    acks.push(await emitAck<{ message: Message }>(phone, 'message:send', payload));
    const ids = acks.map((r) => (r.ok ? r.data.message.id : r.error.code));
    expect(new Set(ids).size).toBe(1);
    expect(await messageCount(conversationId)).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(bobSees.filter((e) => e.message.clientMsgId === payload.clientMsgId)).toHaveLength(1);
  });

  it('refuses a clientMsgId reused for another conversation', async () => {
    const a = await buildUser(server.url);
    const [b, c] = [await buildUser(server.url), await buildUser(server.url)];
    const ab = await befriend(server.url, a, b);
    const ac = await befriend(server.url, a, c);
    const s = await socketOf(a);
    const id = randomUUID();
    expect((await emitAck(s, 'message:send', text(ab, 'x', id))).ok).toBe(true);
    const reused = await emitAck(s, 'message:send', text(ac, 'y', id));
    expect(reused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('offline and sync', () => {
  it('a client that was away while 200 messages were sent gets all of them, in order, without duplicates', async () => {
    const a = await buildUser(server.url);
    const b = await buildUser(server.url);
    const conversationId = await befriend(server.url, a, b);
    const away = await socketOf(b);
    const first = await emitAck<{ message: Message }>(
      await socketOf(a),
      'message:send',
      text(conversationId, 'before'),
    );
    await expect
      .poll(
        async () =>
          (await api(server.url, 'GET', '/api/conversations', { token: b.accessToken })).body.conversations[0]?.lastSeq,
      )
      .toBe(first.ok && first.data.message.seq);
    const cursor = first.ok ? first.data.message.seq : 0;
    away.close(); // the laptop lid closes

    const sender = await socketOf(a);
    for (let i = 0; i < 200; i++) {
      const ack = await emitAck(sender, 'message:send', text(conversationId, `missed ${i}`));
      expect(ack.ok).toBe(true);
    }

    const back = await socketOf(b);
    const received: Message[] = [];
    let cursors: Record<string, number> = { [conversationId]: cursor };
    for (let page = 0; page < 5; page++) {
      const res = await emitAck<{ messages: Message[]; more: boolean }>(back, 'sync', { cursors });
      if (!res.ok) throw new Error(res.error.message);
      received.push(...res.data.messages.filter((m) => m.conversationId === conversationId));
      for (const m of res.data.messages)
        cursors = { ...cursors, [m.conversationId]: Math.max(cursors[m.conversationId] ?? 0, m.seq) };
      if (!res.data.more) break;
    }
    expect(received.map((m) => (m.body as { text: string }).text)).toEqual(
      Array.from({ length: 200 }, (_, i) => `missed ${i}`),
    );
    expect(received.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => cursor + 1 + i));
  });

  it('pages history backwards by seq as far as it goes', async () => {
    const a = await buildUser(server.url);
    const b = await buildUser(server.url);
    const conversationId = await befriend(server.url, a, b);
    const s = await socketOf(a);
    for (let i = 0; i < 25; i++) await emitAck(s, 'message:send', text(conversationId, `h${i}`));
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const q = beforeSeq ? `?limit=10&beforeSeq=${beforeSeq}` : '?limit=10';
      const page = await api(server.url, 'GET', `/api/conversations/${conversationId}/messages${q}`, {
        token: b.accessToken,
      });
      expect(page.status).toBe(200);
      seen.unshift(...page.body.messages.map((m: Message) => m.seq));
      if (!page.body.more) break;
      beforeSeq = page.body.messages[0].seq;
    }
    expect(seen).toEqual(Array.from({ length: 26 }, (_, i) => i + 1)); // the "friends now" line + 25
  });
});

describe('who may read and write', () => {
  it('a non-member cannot read, send to, or sync a conversation', async () => {
    const [a, b, stranger] = [await buildUser(server.url), await buildUser(server.url), await buildUser(server.url)];
    const conversationId = await befriend(server.url, a, b);
    await emitAck(await socketOf(a), 'message:send', text(conversationId, 'private'));
    const s = await socketOf(stranger);
    const before = await messageCount(conversationId);

    expect(
      (await api(server.url, 'GET', `/api/conversations/${conversationId}/messages`, { token: stranger.accessToken }))
        .status,
    ).toBe(403);
    expect(
      (await api(server.url, 'GET', `/api/conversations/${conversationId}`, { token: stranger.accessToken })).status,
    ).toBe(403);
    expect(await emitAck(s, 'message:send', text(conversationId, 'intrude'))).toMatchObject({
      ok: false,
      error: { code: 'not_member' },
    });
    const synced = await emitAck<{ messages: Message[] }>(s, 'sync', { cursors: { [conversationId]: 0 } });
    expect(synced.ok && synced.data.messages.filter((m) => m.conversationId === conversationId)).toEqual([]);
    expect(await emitAck(s, 'message:read', { conversationId, seq: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not_member' },
    });
    expect(await emitAck(s, 'typing', { conversationId })).toMatchObject({ ok: false, error: { code: 'not_member' } });
    expect(await messageCount(conversationId)).toBe(before);
  });

  it('a blocked user cannot message, in either direction, until unblocked', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const conversationId = await befriend(server.url, a, b);
    expect((await api(server.url, 'POST', `/api/blocks/${b.user.id}`, { token: a.accessToken })).status).toBe(204);
    const before = await messageCount(conversationId);
    expect(await emitAck(await socketOf(b), 'message:send', text(conversationId, 'hello?'))).toMatchObject({
      ok: false,
      error: { code: 'blocked' },
    });
    expect(await emitAck(await socketOf(a), 'message:send', text(conversationId, 'hi'))).toMatchObject({
      ok: false,
      error: { code: 'blocked' },
    });
    expect(await messageCount(conversationId)).toBe(before);
    await api(server.url, 'DELETE', `/api/blocks/${b.user.id}`, { token: a.accessToken });
    expect((await emitAck(await socketOf(b), 'message:send', text(conversationId, 'hello again'))).ok).toBe(true);
  });
});

describe('bad socket payloads', () => {
  it('get a clear error ack on every event and change nothing', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const conversationId = await befriend(server.url, a, b);
    const s = await socketOf(a);
    const before = await messageCount(conversationId);
    const bad: Array<[string, unknown]> = [
      ['message:send', null],
      ['message:send', 'text'],
      ['message:send', { conversationId, clientMsgId: 'not-a-uuid', kind: 'text', body: { text: 'x' } }],
      ['message:send', { conversationId, clientMsgId: randomUUID(), kind: 'text', body: { text: '' } }],
      [
        'message:send',
        { conversationId, clientMsgId: randomUUID(), kind: 'text', body: { text: 'x'.repeat(200_000) } },
      ],
      ['message:send', { conversationId, clientMsgId: randomUUID(), kind: 'system', body: { event: 'group_created' } }],
      [
        'message:send',
        { conversationId, clientMsgId: randomUUID(), kind: 'text', body: { text: 'x' }, senderId: b.user.id },
      ],
      ['sync', { cursors: { 'not-a-uuid': 1 } }],
      ['sync', { cursors: { [conversationId]: -1 } }],
      ['message:read', { conversationId, seq: 'all' }],
      ['message:recall', { messageId: 42 }],
      ['typing', [conversationId]],
      ['presence:query', { userIds: 'everyone' }],
    ];
    for (const [event, payload] of bad) {
      const ack = await emitAck(s, event, payload);
      expect(ack, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
    }
    expect(await messageCount(conversationId)).toBe(before);
    expect(s.connected).toBe(true);
  });
});

describe('recall', () => {
  it('recalls your own message within 2 minutes for everyone, and not after', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const conversationId = await befriend(server.url, a, b);
    const sa = await socketOf(a);
    const recalledAtB = collect(await socketOf(b), 'message:recalled');
    const sent = await emitAck<{ message: Message }>(sa, 'message:send', text(conversationId, 'oops'));
    const id = sent.ok ? sent.data.message.id : '';

    expect(await emitAck(await socketOf(b), 'message:recall', { messageId: id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const recalled = await emitAck<{ message: Message }>(sa, 'message:recall', { messageId: id });
    expect(recalled).toMatchObject({ ok: true, data: { message: { id, body: {} } } });
    await expect.poll(() => recalledAtB.length).toBe(1);
    const [row] = await server.app.database.db.select().from(messages).where(eq(messages.id, id));
    expect(row?.body).toEqual({}); // the content is gone from storage, not just hidden
    const history = await api(server.url, 'GET', `/api/conversations/${conversationId}/messages`, {
      token: b.accessToken,
    });
    expect(history.body.messages.at(-1)).toMatchObject({
      kind: 'system',
      body: { event: 'message_recalled', messageId: id },
    });

    const old = await emitAck<{ message: Message }>(sa, 'message:send', text(conversationId, 'too late'));
    const oldId = old.ok ? old.data.message.id : '';
    await server.app.database.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 121_000) })
      .where(and(eq(messages.id, oldId)));
    expect(await emitAck(sa, 'message:recall', { messageId: oldId })).toMatchObject({
      ok: false,
      error: { code: 'recall_window_passed' },
    });
  });
});

describe('rate limits', () => {
  it('refuses sends past the per-user limit and registrations past the per-address limit', async () => {
    const limited = await startTestServer({
      databaseUrl: inject('databaseUrl'),
      limits: { messagesPer10sPerUser: 5, registrationsPerHourPerIp: 3 },
    });
    try {
      const [a, b] = [await buildUser(limited.url), await buildUser(limited.url)];
      const conversationId = await befriend(limited.url, a, b);
      const s = await connectAs(limited.url, a.accessToken);
      open.push(s);
      const acks = [];
      for (let i = 0; i < 6; i++) acks.push(await emitAck(s, 'message:send', text(conversationId, `n${i}`)));
      expect(acks.slice(0, 5).every((x) => x.ok)).toBe(true);
      expect(acks[5]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect(await messageCount(conversationId)).toBe(6); // "friends now" + 5

      await buildUser(limited.url);
      const fourth = await api(limited.url, 'POST', '/api/auth/register', {
        body: { username: `rl_${randomUUID().slice(0, 8)}`, password: 'a-long-password', displayName: 'R' },
      });
      expect(fourth.status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
