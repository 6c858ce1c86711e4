import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { api, befriend, buildGroup, buildUser, type Api, type BuiltUser } from '../support/factories';
import { expectLedgerBalanced } from '../support/ledger';
import { buildMiniApp, buildPayer, TEST_PIN, type TestMiniApp } from '../support/miniapps';
import { buildAdmin } from '../support/packages';
import { connectAs, emitAck, emitRawAck, type ClientSocket } from '../support/sockets';

/**
 * Issue #17 point 1: inputs that used to answer 500 `internal` (Postgres refusing U+0000, lone surrogates, PATCHes
 * with nothing to set, 20,000-deep JSON on money POSTs, cursors past bigint) are refused at the edge with a 400, a
 * code and a message in the caller's language, and leave stored data as it was.
 */
let server: TestServer;
let alice: BuiltUser;
let bob: BuiltUser;
let admin: BuiltUser;
let shop: TestMiniApp;
let groupId: string;
let directId: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  alice = await buildPayer(server, 50_000);
  bob = await buildPayer(server, 0);
  directId = await befriend(server.url, alice, bob);
  const carol = await buildUser(server.url);
  groupId = await buildGroup(server.url, alice, [carol], 'Book club');
  shop = await buildMiniApp(server, { owner: alice, name: 'Tea house' });
  admin = await buildAdmin(server);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await expectLedgerBalanced(server.app);
  await server.close();
});

const NUL = 'a\u0000b';
const LONE = 'a\ud800b';
const HAN = /[\u4e00-\u9fff]/;
const LANGUAGES = [
  { header: 'en-US,en;q=0.9', zh: false },
  { header: 'zh-CN,zh;q=0.9,en;q=0.8', zh: true },
] as const;

/** 20,000 nested arrays in 40 KB: JSON.parse takes it, anything recursive over it overflows the stack. */
const DEEP = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

interface Case {
  name: string;
  method: string;
  path: () => string;
  /** A JSON-able body (a function when it names users made in beforeAll), or raw text sent as it is. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  token?: () => string;
  money?: boolean;
}

const asAlice = () => alice.accessToken;
const cases: Case[] = [
  {
    name: 'register username with NUL',
    method: 'POST',
    path: () => '/api/auth/register',
    body: { username: `x${NUL}y`, password: 'long enough pass', displayName: 'X' },
  },
  {
    name: 'register displayName with NUL',
    method: 'POST',
    path: () => '/api/auth/register',
    body: { username: `u_${randomUUID().slice(0, 8)}`, password: 'long enough pass', displayName: NUL },
  },
  {
    name: 'login username with NUL',
    method: 'POST',
    path: () => '/api/auth/login',
    body: { username: NUL, password: 'x' },
  },
  { name: 'displayName with NUL', method: 'PATCH', path: () => '/api/me', body: { displayName: NUL }, token: asAlice },
  { name: 'user search q with NUL', method: 'GET', path: () => '/api/users/search?q=a%00b', token: asAlice },
  { name: 'directory q with NUL', method: 'GET', path: () => '/api/miniapps?q=a%00b', token: asAlice },
  ...[NUL, LONE].flatMap((bad) => [
    {
      name: `friend note ${JSON.stringify(bad)}`,
      method: 'POST',
      path: () => '/api/friends/requests',
      body: () => ({ toUserId: admin.user.id, note: bad }),
      token: asAlice,
    },
    {
      name: `transfer note ${JSON.stringify(bad)}`,
      method: 'POST',
      path: () => '/api/transfers',
      body: () => ({ toUserId: bob.user.id, amountFen: 100, pin: TEST_PIN, note: bad }),
      token: asAlice,
      money: true,
    },
    {
      name: `group title ${JSON.stringify(bad)}`,
      method: 'POST',
      path: () => '/api/conversations',
      body: () => ({ type: 'group', title: bad, memberIds: [bob.user.id] }),
      token: asAlice,
    },
    {
      name: `rename group ${JSON.stringify(bad)}`,
      method: 'PATCH',
      path: () => `/api/conversations/${groupId}`,
      body: { title: bad },
      token: asAlice,
    },
  ]),
  {
    name: 'red packet greeting with NUL',
    method: 'POST',
    path: () => '/api/redpackets',
    body: () => ({ conversationId: directId, type: 'single', totalFen: 100, shares: 1, greeting: NUL, pin: TEST_PIN }),
    token: asAlice,
    money: true,
  },
  {
    name: 'app name with NUL',
    method: 'POST',
    path: () => '/api/dev/apps',
    body: { name: NUL, category: 'food' },
    token: asAlice,
  },
  ...[
    { what: 'conversation', path: () => `/api/conversations/${groupId}` },
    { what: 'app', path: () => `/api/dev/apps/${shop.appId}` },
  ].flatMap(({ what, path }) => [
    { name: `PATCH ${what} {}`, method: 'PATCH', path, body: {}, token: asAlice },
    {
      name: `PATCH ${what} empty JSON body`,
      method: 'PATCH',
      path,
      raw: '',
      contentType: 'application/json',
      token: asAlice,
    },
    { name: `PATCH ${what} no body`, method: 'PATCH', path, token: asAlice },
    {
      name: `PATCH ${what} text/plain`,
      method: 'PATCH',
      path,
      raw: 'title=x',
      contentType: 'text/plain',
      token: asAlice,
    },
  ]),
  ...['/api/wallet/topups', '/api/transfers', '/api/redpackets', '/api/payments/agreements'].flatMap((path) => [
    { name: `deep JSON body on ${path}`, method: 'POST', path: () => path, raw: DEEP, token: asAlice, money: true },
    {
      name: `deep JSON field on ${path}`,
      method: 'POST',
      path: () => path,
      raw: `{"amountFen":100,"note":${DEEP}}`,
      token: asAlice,
      money: true,
    },
  ]),
  ...['1000000000000000000000', '9223372036854775808'].flatMap((cursor) => [
    {
      name: `statement cursor ${cursor}`,
      method: 'GET',
      path: () => `/api/wallet/statement?cursor=${cursor}`,
      token: asAlice,
    },
    {
      name: `merchant journal cursor ${cursor}`,
      method: 'GET',
      path: () => `/api/dev/apps/${shop.appId}/merchant?cursor=${cursor}`,
      token: asAlice,
    },
    {
      name: `audit cursor ${cursor}`,
      method: 'GET',
      path: () => `/api/admin/audit?cursor=${cursor}`,
      token: () => admin.accessToken,
    },
  ]),
];

function send(c: Case, language: string): Promise<Api> {
  const headers: Record<string, string> = { 'accept-language': language };
  if (c.money) headers['idempotency-key'] = randomUUID();
  if (c.raw !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  return api(server.url, c.method, c.path(), {
    token: c.token?.(),
    body: c.raw ?? (typeof c.body === 'function' ? (c.body as () => unknown)() : c.body),
    headers,
  });
}

/** Why an answer is not a proper refusal in this language, or null when it is one. */
function problem(error: unknown, zh: boolean): string | null {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (e?.code !== 'validation_failed' && e?.code !== 'bad_request') return `code ${String(e?.code)}`;
  if (typeof e.message !== 'string' || !e.message) return 'no message';
  if (HAN.test(e.message) !== zh) return `message not in ${zh ? 'Chinese' : 'English'}: ${e.message}`;
  return null;
}

/** What the attacks must not change: profile, conversations, messages, app, money, friend requests. */
async function snapshot() {
  const get = async (path: string, token = alice.accessToken) => (await api(server.url, 'GET', path, { token })).body;
  return {
    me: await get('/api/me'),
    group: (await get(`/api/conversations/${groupId}`)).conversation.title,
    conversations: (await get('/api/conversations')).conversations.length,
    messages: await get(`/api/conversations/${directId}/messages`),
    apps: await get('/api/dev/apps'),
    wallet: await get('/api/wallet'),
    bobWallet: await get('/api/wallet', bob.accessToken),
    statement: await get('/api/wallet/statement'),
    requests: await get('/api/friends/requests'),
    adminRequests: await get('/api/friends/requests', admin.accessToken),
    agreements: await get('/api/payments/agreements'),
  };
}

describe('bad input over REST', () => {
  it('answers each case with 400, a code and a message in English or Chinese, and changes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const { header, zh } of LANGUAGES) {
      for (const c of cases) {
        const res = await send(c, header);
        const why = res.status === 400 ? problem(res.body?.error, zh) : `status ${res.status}`;
        if (why) wrong.push(`${c.name} (${header.slice(0, 5)}): ${why}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('bad input over socket acks', () => {
  it('refuses bad text in messages and cards with an ack error in the socket language', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const { header, zh } of LANGUAGES) {
      const socket = await connectAs(server.url, alice.accessToken, { headers: { 'accept-language': header } });
      sockets.push(socket);
      const payloads = [
        ...[NUL, LONE, 'bell\u0007'].map((text) => ({ kind: 'text', body: { text } })),
        { kind: 'miniapp_card', body: { appId: shop.appId, title: NUL, path: '/' } },
        { kind: 'miniapp_card', body: { appId: shop.appId, title: 'Menu', path: '/a\u0000' } },
      ];
      for (const { kind, body } of payloads) {
        const ack = await emitAck(socket, 'message:send', {
          conversationId: directId,
          clientMsgId: randomUUID(),
          kind,
          body,
        });
        const why = ack.ok ? 'accepted' : problem(ack.error, zh);
        if (why) wrong.push(`message:send ${JSON.stringify(body)} (${header.slice(0, 5)}): ${why}`);
      }
      // Deep payloads on every event get an ack error, not a crash.
      for (const event of ['message:send', 'sync', 'message:read', 'message:recall', 'typing', 'presence:query']) {
        const ack = await emitRawAck(socket, event, `{"cursors":${DEEP}}`);
        const why = ack.ok ? 'accepted' : problem(ack.error, zh);
        if (why) wrong.push(`${event} deep (${header.slice(0, 5)}): ${why}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
