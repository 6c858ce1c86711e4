import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Conversation, Message } from '@app/shared';
import { startTestServer, type TestServer } from '../support/server';
import { api, befriend, buildGroup, buildUser, type BuiltUser } from '../support/factories';
import { collect, connectAs, emitAck, type ClientSocket } from '../support/sockets';

let server: TestServer;
const open: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
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
const say = (s: ClientSocket, conversationId: string, t: string, mentions?: string[]) =>
  emitAck<{ message: Message }>(s, 'message:send', {
    conversationId,
    clientMsgId: randomUUID(),
    kind: 'text',
    body: { text: t, ...(mentions ? { mentions } : {}) },
  });
const conversationOf = async (u: BuiltUser, id: string): Promise<Conversation> =>
  (await api(server.url, 'GET', '/api/conversations', { token: u.accessToken })).body.conversations.find(
    (c: Conversation) => c.id === id,
  );

describe('groups', () => {
  it('create, add, rename, remove and leave — each with a system line; who left can no longer send', async () => {
    const [owner, b, c, d] = [
      await buildUser(server.url),
      await buildUser(server.url),
      await buildUser(server.url),
      await buildUser(server.url),
    ];
    const groupId = await buildGroup(server.url, owner, [b, c], 'Team 团队');
    const bSees = collect(await socketOf(b), 'message:new');

    await befriend(server.url, owner, d);
    const added = await api(server.url, 'POST', `/api/conversations/${groupId}/members`, {
      token: owner.accessToken,
      body: { userIds: [d.user.id] },
    });
    expect(added.body.members).toHaveLength(4);
    const renamed = await api(server.url, 'PATCH', `/api/conversations/${groupId}`, {
      token: c.accessToken,
      body: { title: 'Renamed' },
    });
    expect(renamed.body.conversation.title).toBe('Renamed');
    expect(
      (
        await api(server.url, 'PATCH', `/api/conversations/${groupId}`, {
          token: c.accessToken,
          body: { announcement: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api(server.url, 'DELETE', `/api/conversations/${groupId}/members/${d.user.id}`, { token: c.accessToken }))
        .status,
    ).toBe(403);
    expect(
      (
        await api(server.url, 'DELETE', `/api/conversations/${groupId}/members/${d.user.id}`, {
          token: owner.accessToken,
        })
      ).status,
    ).toBe(204);
    expect(
      (await api(server.url, 'DELETE', `/api/conversations/${groupId}/members/${c.user.id}`, { token: c.accessToken }))
        .status,
    ).toBe(204);

    await expect
      .poll(() =>
        bSees.filter((e) => e.message.kind === 'system').map((e) => (e.message.body as { event: string }).event),
      )
      .toEqual(['members_added', 'renamed', 'member_removed', 'member_left']);
    expect(await say(await socketOf(c), groupId, 'still here?')).toMatchObject({
      ok: false,
      error: { code: 'not_member' },
    });
    expect(await say(await socketOf(d), groupId, 'me too?')).toMatchObject({
      ok: false,
      error: { code: 'not_member' },
    });
    // Someone who left still sees the history up to their leaving, nothing after.
    await say(await socketOf(b), groupId, 'after c left');
    const cHistory = await api(server.url, 'GET', `/api/conversations/${groupId}/messages`, { token: c.accessToken });
    expect(cHistory.body.messages.at(-1).body.event).toBe('member_left');
  });

  it('only friends can be added, newcomers do not see older messages, and the owner hands over on leaving', async () => {
    const [owner, b, stranger, late] = [
      await buildUser(server.url),
      await buildUser(server.url),
      await buildUser(server.url),
      await buildUser(server.url),
    ];
    const groupId = await buildGroup(server.url, owner, [b]);
    const refused = await api(server.url, 'POST', `/api/conversations/${groupId}/members`, {
      token: owner.accessToken,
      body: { userIds: [stranger.user.id] },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_friends');
    await say(await socketOf(owner), groupId, 'before late joined');
    await befriend(server.url, b, late);
    await api(server.url, 'POST', `/api/conversations/${groupId}/members`, {
      token: b.accessToken,
      body: { userIds: [late.user.id] },
    });
    const lateHistory = await api(server.url, 'GET', `/api/conversations/${groupId}/messages`, {
      token: late.accessToken,
    });
    expect(lateHistory.body.messages.map((m: Message) => m.kind)).toEqual(['system']);

    await api(server.url, 'DELETE', `/api/conversations/${groupId}/members/${owner.user.id}`, {
      token: owner.accessToken,
    });
    const detail = await api(server.url, 'GET', `/api/conversations/${groupId}`, { token: b.accessToken });
    expect(detail.body.members.find((m: { user: { id: string } }) => m.user.id === b.user.id).role).toBe('owner');
  });
});

describe('unread counts, mentions, read receipts, typing', () => {
  it('counts unread messages from others and @mentions, and clears them on read', async () => {
    const [a, b, c] = [await buildUser(server.url), await buildUser(server.url), await buildUser(server.url)];
    const groupId = await buildGroup(server.url, a, [b, c]);
    const sa = await socketOf(a);
    const before = await conversationOf(b, groupId);
    expect(before.unreadCount).toBe(0); // the "group created" line is not unread
    await say(sa, groupId, 'one');
    await say(sa, groupId, '@b two', [b.user.id]);
    await say(sa, groupId, '@c three', [c.user.id, '00000000-0000-4000-8000-000000000000']);
    const conv = await conversationOf(b, groupId);
    expect(conv.unreadCount - before.unreadCount).toBe(3);
    expect(conv.mentionCount).toBe(1);
    expect(conv.lastMessage?.body).toMatchObject({ text: '@c three', mentions: [c.user.id] });
    expect((await conversationOf(a, groupId)).unreadCount).toBe(0);

    const read = await emitAck<{ seq: number }>(await socketOf(b), 'message:read', {
      conversationId: groupId,
      seq: conv.lastSeq,
    });
    expect(read).toMatchObject({ ok: true, data: { seq: conv.lastSeq } });
    expect(await conversationOf(b, groupId)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    // Reading never moves backwards.
    expect(await emitAck(await socketOf(b), 'message:read', { conversationId: groupId, seq: 1 })).toMatchObject({
      ok: true,
      data: { seq: conv.lastSeq },
    });
  });

  it('tells the peer in a direct chat when their messages were read, and who is typing', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const conversationId = await befriend(server.url, a, b);
    const sa = await socketOf(a);
    const sb = await socketOf(b);
    const receipts = collect(sa, 'message:read');
    const typing = collect(sb, 'typing');
    const sent = await say(sa, conversationId, 'did you read this?');
    await emitAck(sa, 'typing', { conversationId });
    await expect.poll(() => typing).toEqual([{ conversationId, userId: a.user.id }]);
    const seq = sent.ok ? sent.data.message.seq : 0;
    await emitAck(sb, 'message:read', { conversationId, seq });
    await expect.poll(() => receipts).toContainEqual({ conversationId, userId: b.user.id, seq });
    expect((await conversationOf(a, conversationId)).peerReadSeq).toBe(seq);
  });

  it('shows friends going online and offline', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    await befriend(server.url, a, b);
    const sa = await socketOf(a);
    const seen = collect(sa, 'presence');
    const sb = await connectAs(server.url, b.accessToken);
    await expect.poll(() => seen).toContainEqual({ userId: b.user.id, online: true });
    expect(await emitAck(sa, 'presence:query', { userIds: [b.user.id] })).toMatchObject({
      ok: true,
      data: { online: [b.user.id] },
    });
    sb.close();
    await expect.poll(() => seen).toContainEqual({ userId: b.user.id, online: false });
  });
});

describe('images', () => {
  async function upload(token: string, bytes: Buffer, name = 'photo.png', type = 'image/png') {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${server.url}/api/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: await res.json() };
  }

  it('accepts a real image, makes a thumbnail, and sends it as a message', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const conversationId = await befriend(server.url, a, b);
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#07c160' } })
      .png()
      .toBuffer();
    const up = await upload(a.accessToken, png);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ width: 1200, height: 800, mime: 'image/png' });
    const thumb = await fetch(`${server.url}${up.body.thumbUrl}`);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.width).toBe(360);
    const sent = await emitAck<{ message: Message }>(await socketOf(a), 'message:send', {
      conversationId,
      clientMsgId: randomUUID(),
      kind: 'image',
      body: { uploadId: up.body.id },
    });
    expect(sent).toMatchObject({
      ok: true,
      data: { message: { kind: 'image', body: { url: up.body.url, width: 1200 } } },
    });
    // Someone else's upload cannot be sent.
    const stolen = await emitAck(await socketOf(b), 'message:send', {
      conversationId,
      clientMsgId: randomUUID(),
      kind: 'image',
      body: { uploadId: up.body.id },
    });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('refuses files that are not images whatever they claim, and files over 10 MB', async () => {
    const a = await buildUser(server.url);
    const fake = await upload(a.accessToken, Buffer.from('<script>alert(1)</script>'), 'evil.png', 'image/png');
    expect(fake.status).toBe(415);
    const huge = await upload(a.accessToken, Buffer.alloc(10 * 1024 * 1024 + 1), 'big.png');
    expect(huge.status).toBe(413);
    const anonymous = await fetch(`${server.url}/api/uploads`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
