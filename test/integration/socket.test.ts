import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { userRoom, type ClientToServerEvents, type ServerToClientEvents } from '@app/shared';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser } from '../support/factories';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: TestServer;
let shortLived: TestServer;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
  // Same database, but access tokens live 2 s, to watch a socket outlive its token.
  shortLived = await startTestServer({ databaseUrl: inject('databaseUrl'), accessTokenTtlSeconds: 2 });
});
afterEach(() => {
  sockets.splice(0).forEach((s) => s.close());
});
afterAll(async () => {
  await server.close();
  await shortLived.close();
});

function open(
  url: string,
  auth: Record<string, unknown> | ((cb: (d: object) => void) => void),
  reconnection = false,
): ClientSocket {
  const socket: ClientSocket = connect(url, { auth, transports: ['websocket'], reconnection, reconnectionDelay: 50 });
  sockets.push(socket);
  return socket;
}

function ready(socket: ClientSocket): Promise<{ userId: string }> {
  return new Promise((resolve, reject) => {
    socket.once('session:ready', resolve);
    socket.once('connect_error', reject);
  });
}

describe('socket sessions', () => {
  it('authenticates, says who you are, and joins every device to the user room', async () => {
    const alice = await buildUser(server.url);
    const bob = await buildUser(server.url);
    const phone = open(server.url, { token: alice.accessToken });
    const laptop = open(server.url, { token: alice.accessToken });
    const other = open(server.url, { token: bob.accessToken });
    const [r1, r2] = await Promise.all([ready(phone), ready(laptop), ready(other)]);
    expect(r1.userId).toBe(alice.user.id);
    expect(r2.userId).toBe(alice.user.id);

    const got: string[] = [];
    phone.on('presence', () => got.push('phone'));
    laptop.on('presence', () => got.push('laptop'));
    other.on('presence', () => got.push('bob'));
    server.app.io.to(userRoom(alice.user.id)).emit('presence', { userId: 'x', online: true });
    await expect.poll(() => got.sort()).toEqual(['laptop', 'phone']);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).not.toContain('bob');
  });

  it('closes a socket when its token expires; reconnecting needs a fresh token', async () => {
    const u = await buildUser(shortLived.url);
    let token = u.accessToken;
    const socket = open(shortLived.url, (cb) => cb({ token }));
    await ready(socket);

    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(await new Promise((resolve) => socket.once('session:expired', resolve))).toMatchObject({
      code: 'token_expired',
    });
    expect(await disconnected).toBe('io server disconnect');

    const refused = new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.connect(); // still the stale token
    expect((await refused).message).toBe('token_expired');

    const refreshed = await api(shortLived.url, 'POST', '/api/auth/refresh', {
      body: { refreshToken: u.refreshToken },
    });
    token = refreshed.body.accessToken;
    const back = ready(socket);
    socket.connect();
    expect((await back).userId).toBe(u.user.id);
  });

  it('authenticates every automatic reconnect again', async () => {
    const u = await buildUser(server.url);
    const presented: string[] = [];
    let token = u.accessToken;
    const socket = open(
      server.url,
      (cb) => {
        presented.push(token);
        cb({ token });
      },
      true,
    );
    await ready(socket);
    token = 'revoked.by.test';
    const refused = new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    // Kill the transport (as a network loss would): the client reconnects by itself.
    for (const s of server.app.io.sockets.sockets.values()) if (s.data.userId === u.user.id) s.conn.close();
    expect((await refused).message).toBe('token_invalid');
    expect(presented).toEqual([u.accessToken, 'revoked.by.test']);
  });
});
