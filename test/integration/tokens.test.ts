import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/server';
import { api, buildUser, type BuiltUser } from '../support/factories';

let server: TestServer;
let user: BuiltUser;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  user = await buildUser(server.url);
});
afterAll(() => server.close());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({
  sub: user.user.id,
  role: 'user',
  iss: 'superapp',
  aud: 'superapp:api',
  iat: now(),
  exp: now() + 600,
});

/** Each case: a forged or broken token and the error code it must get. */
const cases: Array<[string, () => string, string]> = [
  ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`, 'token_invalid'],
  [
    'wrong audience',
    () => jwt.sign({ ...claims(), aud: 'openapi' }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
    'token_invalid',
  ],
  [
    'wrong issuer',
    () => jwt.sign({ ...claims(), iss: 'evil' }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
    'token_invalid',
  ],
  ['other algorithm', () => jwt.sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512' }), 'token_invalid'],
  [
    'other secret',
    () => jwt.sign(claims(), 'another-secret-another-secret-another', { algorithm: 'HS256' }),
    'token_invalid',
  ],
  [
    'expired',
    () => jwt.sign({ ...claims(), iat: now() - 1000, exp: now() - 10 }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
    'token_expired',
  ],
  [
    'tampered payload',
    () => {
      const [h, , s] = user.accessToken.split('.');
      return `${h}.${b64({ ...claims(), role: 'admin' })}.${s}`;
    },
    'token_invalid',
  ],
  [
    'not a uuid subject',
    () => jwt.sign({ ...claims(), sub: 'admin' }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
    'token_invalid',
  ],
  ['garbage', () => 'not.a.token', 'token_invalid'],
];

describe('access tokens over HTTP', () => {
  it('accepts the genuine token', async () => {
    const res = await api(server.url, 'GET', '/api/me', { token: user.accessToken });
    expect(res.status).toBe(200);
  });

  it.each(cases)('rejects %s', async (_name, make, code) => {
    const res = await api(server.url, 'GET', '/api/me', { token: make() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(code);
  });
});

describe('access tokens on socket connect', () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));

  function connectError(token: unknown): Promise<{ message: string; data?: { code: string } }> {
    const socket = connect(server.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.on('connect', () => reject(new Error('connected with a bad token')));
      socket.on('connect_error', (err) => resolve(err as never));
    });
  }

  it.each(cases)('rejects %s', async (_name, make, code) => {
    const err = await connectError(make());
    expect(err.message).toBe(code);
    expect(err.data?.code).toBe(code);
  });

  it('rejects a missing token', async () => {
    const err = await connectError(undefined);
    expect(err.data?.code).toBe('unauthenticated');
  });
});
