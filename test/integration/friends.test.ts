import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { friendships } from '@app/server/friends/friends.tables';
import { users } from '@app/server/users/users.tables';
import { startTestServer, type TestServer } from '../support/server';
import { api, befriend, buildUser } from '../support/factories';
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

describe('friend requests', () => {
  it('request with a note → live notice → accept → both are friends with a direct conversation', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const bSocket = await connectAs(server.url, b.accessToken);
    const aSocket = await connectAs(server.url, a.accessToken);
    open.push(aSocket, bSocket);
    const incoming = collect(bSocket, 'friend:request');
    const accepted = collect(aSocket, 'friend:accepted');

    const sent = await api(server.url, 'POST', '/api/friends/requests', {
      token: a.accessToken,
      body: { toUserId: b.user.id, note: '我是 A' },
    });
    expect(sent.status).toBe(201);
    await expect.poll(() => incoming.map((e) => e.request.note)).toEqual(['我是 A']);
    const list = await api(server.url, 'GET', '/api/friends/requests', { token: b.accessToken });
    expect(list.body.incoming).toHaveLength(1);
    expect(list.body.incoming[0]).toMatchObject({ status: 'pending', from: { id: a.user.id }, note: '我是 A' });

    const acc = await api(server.url, 'POST', `/api/friends/requests/${sent.body.request.id}/accept`, {
      token: b.accessToken,
    });
    expect(acc.status).toBe(200);
    expect(acc.body.friend).toMatchObject({ user: { id: a.user.id }, source: 'request' });
    await expect.poll(() => accepted.length).toBe(1);
    const friendsOfA = await api(server.url, 'GET', '/api/friends', { token: a.accessToken });
    expect(friendsOfA.body.friends.map((f: { user: { id: string } }) => f.user.id)).toEqual([b.user.id]);
    expect(friendsOfA.body.friends[0].conversationId).toBe(acc.body.friend.conversationId);
    const again = await api(server.url, 'POST', `/api/friends/requests/${sent.body.request.id}/accept`, {
      token: b.accessToken,
    });
    expect(again.status).toBe(409);
  });

  it('decline leaves them strangers; only the recipient may answer', async () => {
    const [a, b, c] = [await buildUser(server.url), await buildUser(server.url), await buildUser(server.url)];
    const sent = await api(server.url, 'POST', '/api/friends/requests', {
      token: a.accessToken,
      body: { toUserId: b.user.id },
    });
    const byOther = await api(server.url, 'POST', `/api/friends/requests/${sent.body.request.id}/accept`, {
      token: c.accessToken,
    });
    expect(byOther.status).toBe(404);
    const declined = await api(server.url, 'POST', `/api/friends/requests/${sent.body.request.id}/decline`, {
      token: b.accessToken,
    });
    expect(declined.body.request.status).toBe('declined');
    expect((await api(server.url, 'GET', '/api/friends', { token: a.accessToken })).body.friends).toEqual([]);
  });

  it('a request back to someone who asked first accepts theirs', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    await api(server.url, 'POST', '/api/friends/requests', { token: a.accessToken, body: { toUserId: b.user.id } });
    const back = await api(server.url, 'POST', '/api/friends/requests', {
      token: b.accessToken,
      body: { toUserId: a.user.id },
    });
    expect(back.status).toBe(200);
    expect(back.body.request.status).toBe('accepted');
    expect((await api(server.url, 'GET', '/api/friends', { token: a.accessToken })).body.friends).toHaveLength(1);
  });

  it('refuses yourself, unknown people, friends, and repeats only refresh the note', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    expect(
      (await api(server.url, 'POST', '/api/friends/requests', { token: a.accessToken, body: { toUserId: a.user.id } }))
        .status,
    ).toBe(400);
    expect(
      (
        await api(server.url, 'POST', '/api/friends/requests', {
          token: a.accessToken,
          body: { toUserId: '00000000-0000-4000-8000-000000000000' },
        })
      ).status,
    ).toBe(404);
    const first = await api(server.url, 'POST', '/api/friends/requests', {
      token: a.accessToken,
      body: { toUserId: b.user.id, note: 'one' },
    });
    const second = await api(server.url, 'POST', '/api/friends/requests', {
      token: a.accessToken,
      body: { toUserId: b.user.id, note: 'two' },
    });
    expect(second.body.request.id).toBe(first.body.request.id);
    expect(second.body.request.note).toBe('two');
    await api(server.url, 'POST', `/api/friends/requests/${first.body.request.id}/accept`, { token: b.accessToken });
    const dup = await api(server.url, 'POST', '/api/friends/requests', {
      token: a.accessToken,
      body: { toUserId: b.user.id },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('already_friends');
  });

  it('blocking stops requests both ways and ends pending ones', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const pending = await api(server.url, 'POST', '/api/friends/requests', {
      token: b.accessToken,
      body: { toUserId: a.user.id },
    });
    await api(server.url, 'POST', `/api/blocks/${b.user.id}`, { token: a.accessToken });
    const tryAgain = await api(server.url, 'POST', '/api/friends/requests', {
      token: b.accessToken,
      body: { toUserId: a.user.id },
    });
    expect(tryAgain.status).toBe(403);
    expect(tryAgain.body.error.code).toBe('blocked');
    expect(
      (await api(server.url, 'POST', '/api/friends/requests', { token: a.accessToken, body: { toUserId: b.user.id } }))
        .status,
    ).toBe(403);
    const accept = await api(server.url, 'POST', `/api/friends/requests/${pending.body.request.id}/accept`, {
      token: a.accessToken,
    });
    expect(accept.status).toBe(409);
    expect(
      (await api(server.url, 'GET', '/api/blocks', { token: a.accessToken })).body.blocked.map(
        (u: { id: string }) => u.id,
      ),
    ).toEqual([b.user.id]);
  });

  it('removing a friend ends the friendship both ways; the chat refuses new messages', async () => {
    const [a, b] = [await buildUser(server.url), await buildUser(server.url)];
    const conversationId = await befriend(server.url, a, b);
    const [sa, sb] = [await connectAs(server.url, a.accessToken), await connectAs(server.url, b.accessToken)];
    open.push(sa, sb);
    const [toA, toB] = [collect(sa, 'friend:removed'), collect(sb, 'friend:removed')];
    expect((await api(server.url, 'DELETE', `/api/friends/${b.user.id}`, { token: a.accessToken })).status).toBe(204);
    await expect.poll(() => [toA, toB]).toEqual([[{ userId: b.user.id }], [{ userId: a.user.id }]]);
    const rows = await server.app.database.db.select().from(friendships).where(eq(friendships.userId, b.user.id));
    expect(rows).toEqual([]);
    const bSocket = await connectAs(server.url, b.accessToken);
    open.push(bSocket);
    const ack = await emitAck(bSocket, 'message:send', {
      conversationId,
      clientMsgId: randomUUID(),
      kind: 'text',
      body: { text: 'hey?' },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_friends' } });
  });
});

describe('people you may know', () => {
  it('ranks friends of friends by mutual friends, leaving out friends, yourself and blocked people', async () => {
    const me = await buildUser(server.url);
    const [f1, f2, f3] = [await buildUser(server.url), await buildUser(server.url), await buildUser(server.url)];
    const [two, one, blocked] = [await buildUser(server.url), await buildUser(server.url), await buildUser(server.url)];
    for (const f of [f1, f2, f3]) await befriend(server.url, me, f);
    await befriend(server.url, f1, two);
    await befriend(server.url, f2, two);
    await befriend(server.url, f3, one);
    await befriend(server.url, f1, blocked);
    await befriend(server.url, f1, f2); // f2 is already my friend: never suggested
    await api(server.url, 'POST', `/api/blocks/${me.user.id}`, { token: blocked.accessToken });

    const res = await api(server.url, 'GET', '/api/friends/suggestions', { token: me.accessToken });
    expect(
      res.body.suggestions.map((s: { user: { id: string }; mutualCount: number }) => [s.user.id, s.mutualCount]),
    ).toEqual([
      [two.user.id, 2],
      [one.user.id, 1],
    ]);
  });
});

describe('invites', () => {
  it('a person registering through an invite link is attributed and finds a friend request waiting', async () => {
    const inviter = await buildUser(server.url);
    const invite = await api(server.url, 'GET', '/api/invites/me', { token: inviter.accessToken });
    expect(invite.body.url).toContain(`/register?invite=${invite.body.code}`);
    const newcomer = await buildUser(server.url, { inviteCode: invite.body.code });
    const [row] = await server.app.database.db.select().from(users).where(eq(users.id, newcomer.user.id));
    expect(row?.referredBy).toBe(inviter.user.id);
    const requests = await api(server.url, 'GET', '/api/friends/requests', { token: newcomer.accessToken });
    expect(requests.body.incoming).toMatchObject([
      { from: { id: inviter.user.id }, status: 'pending', source: 'invite' },
    ]);
    const acc = await api(server.url, 'POST', `/api/friends/requests/${requests.body.incoming[0].id}/accept`, {
      token: newcomer.accessToken,
    });
    expect(acc.body.friend.source).toBe('invite');
  });
});
