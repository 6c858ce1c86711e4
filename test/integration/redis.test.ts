import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { userRoom, type ServerToClientEvents } from '@app/shared';
import { startTestServer, type TestServer } from '../support/server';
import { api, buildUser } from '../support/factories';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let nodeA: TestServer;
let nodeB: TestServer;
const sockets: Socket<ServerToClientEvents>[] = [];

beforeAll(async () => {
  nodeA = await startTestServer({ databaseUrl: inject('databaseUrl'), env: { REDIS_URL } });
  nodeB = await startTestServer({ databaseUrl: inject('databaseUrl'), env: { REDIS_URL } });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await nodeA.close();
  await nodeB.close();
});

describe('two nodes sharing Redis', () => {
  it('reports Redis in health', async () => {
    const res = await api(nodeA.url, 'GET', '/api/health');
    expect(res.body).toMatchObject({ ok: true, db: 'postgres', redis: true });
  });

  it('delivers an emit to a user room on node A to that user connected on node B', async () => {
    const u = await buildUser(nodeA.url);
    const socket: Socket<ServerToClientEvents> = connect(nodeB.url, {
      auth: { token: u.accessToken },
      transports: ['websocket'],
    });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('session:ready', resolve));
    const got: unknown[] = [];
    socket.on('presence', (e) => got.push(e));
    // The streams adapter needs a moment after join; keep emitting until it arrives, bounded by the poll timeout.
    await expect
      .poll(
        () => {
          nodeA.app.io.to(userRoom(u.user.id)).emit('presence', { userId: u.user.id, online: true });
          return got.length;
        },
        { timeout: 5000, interval: 200 },
      )
      .toBeGreaterThan(0);
    expect(got[0]).toEqual({ userId: u.user.id, online: true });
  });

  it('shares login failure limits between nodes', async () => {
    const u = await buildUser(nodeA.url);
    for (let i = 0; i < 10; i++) {
      const node = i % 2 ? nodeA : nodeB;
      await api(node.url, 'POST', '/api/auth/login', {
        body: { username: u.user.username, password: 'wrong-password' },
      });
    }
    const res = await api(nodeA.url, 'POST', '/api/auth/login', {
      body: { username: u.user.username, password: u.password },
    });
    expect(res.status).toBe(429);
  });
});
