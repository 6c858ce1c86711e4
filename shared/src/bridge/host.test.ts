import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeError } from './error';
import { createHostBridge, type HostBridgeOptions } from './host';
import { type BridgeHandlers } from './methods';
import { type BridgePort } from './port-server';
import { type BridgeResponse, type HostToAppMessage } from './protocol';
import { fakeHandlers } from './testing/handlers';
import { FakeWindow, nextMessage, settle } from './testing/fake-window';

const HOST = 'http://localhost:3000';
const APP = 'http://app1.apps.localhost:3001';
const hello = { ns: 'miniapp', v: 1, type: 'hello', sdkVersion: '0.1.0' };
const context = {
  appId: 'mpapp1000000',
  locale: 'en',
  theme: 'light',
  launchQuery: { table: '7' },
  hostVersion: '1.0.0',
} as const;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function setup(options: Omit<Partial<HostBridgeOptions>, 'handlers'> & { handlers?: Partial<BridgeHandlers> } = {}) {
  const host = new FakeWindow(HOST);
  const frame = new FakeWindow(APP, `${APP}/?__host=${encodeURIComponent(HOST)}`);
  host.embed(frame);
  const onError = vi.fn();
  const bridge = createHostBridge({
    window: host,
    getFrameWindow: () => frame,
    appOrigin: APP,
    hostOrigin: HOST,
    context,
    onError,
    ...options,
    handlers: fakeHandlers(options.handlers),
  });
  cleanups.push(() => bridge.dispose());
  return { host, frame, bridge, onError };
}

/** Plays the iframe: sends hello, returns the transferred port. */
async function handshake(frame: FakeWindow): Promise<BridgePort> {
  const ready = nextMessage(frame);
  frame.parent?.postMessage(hello, HOST);
  const port = (await ready).ports[0] as BridgePort;
  port.start();
  cleanups.push(() => port.close());
  return port;
}

let seq = 0;
async function request(port: BridgePort, method: string, params: unknown = {}): Promise<BridgeResponse> {
  const id = `r${++seq}`;
  return new Promise((resolve) => {
    const onMessage = (event: { data: unknown }) => {
      const data = event.data as HostToAppMessage;
      if (data.type !== 'response' || data.id !== id) return;
      port.removeEventListener('message', onMessage);
      resolve(data);
    };
    port.addEventListener('message', onMessage);
    port.postMessage({ type: 'request', id, method, params });
  });
}

describe('host bridge handshake', () => {
  it('answers a hello from the iframe at the app origin with ready + one port, posted to that exact origin', async () => {
    const { frame, bridge } = setup();
    await handshake(frame);
    expect(frame.posted).toHaveLength(1);
    const [posted] = frame.posted;
    expect(posted?.targetOrigin).toBe(APP);
    expect(posted?.transfer).toHaveLength(1);
    expect(posted?.message).toEqual({
      ns: 'miniapp',
      v: 1,
      type: 'ready',
      context: { ...context, sdkVersion: '0.1.0', methods: {}, config: {} },
    });
    expect(bridge.connected).toBe(true);
  });

  it('ignores a hello from another window even when it claims the app origin', async () => {
    const { host, frame, bridge } = setup();
    const evil = new FakeWindow(APP);
    host.deliver({ message: hello, targetOrigin: HOST, origin: APP, source: evil, ports: [] });
    await settle();
    expect(frame.posted).toHaveLength(0);
    expect(bridge.connected).toBe(false);
    await handshake(frame); // the real frame still gets through
    expect(bridge.connected).toBe(true);
  });

  it.each([
    'http://app1.apps.localhost.evil.com:3001',
    'http://app1.apps.localhost:3002',
    'https://app1.apps.localhost:3001',
    'http://app2.apps.localhost:3001',
    'null',
  ])('ignores a hello from the iframe window at the look-alike origin %s', async (origin) => {
    const { frame, bridge } = setup();
    frame.origin = origin; // the frame navigated away
    frame.parent?.postMessage(hello, HOST);
    await settle();
    expect(frame.posted).toHaveLength(0);
    expect(bridge.connected).toBe(false);
  });

  it.each([
    { ns: 'miniapp', v: 2, type: 'hello' },
    { ns: 'other', v: 1, type: 'hello' },
    { ns: 'miniapp', v: 1, type: 'ready' },
    'hello',
    null,
  ])('ignores a malformed hello %j', async (message) => {
    const { frame } = setup();
    frame.parent?.postMessage(message, HOST);
    await settle();
    expect(frame.posted).toHaveLength(0);
  });

  it('ignores a second hello after the handshake: no second port, the first keeps working', async () => {
    const { frame } = setup();
    const port = await handshake(frame);
    frame.parent?.postMessage(hello, HOST);
    await settle();
    expect(frame.posted).toHaveLength(1);
    expect(await request(port, 'auth.login')).toMatchObject({ ok: true, result: { code: 'code-1' } });
  });

  it('refuses a wildcard, path-bearing or host-equal app origin', () => {
    const base = { getFrameWindow: () => null, hostOrigin: HOST, context, handlers: fakeHandlers() };
    expect(() => createHostBridge({ ...base, appOrigin: '*' })).toThrow(TypeError);
    expect(() => createHostBridge({ ...base, appOrigin: `${APP}/` })).toThrow(TypeError);
    expect(() => createHostBridge({ ...base, appOrigin: HOST })).toThrow(TypeError);
  });
});

describe('host bridge requests', () => {
  it('round-trips a request through the port with parsed params and the app id', async () => {
    const handler = vi.fn<BridgeHandlers['payment.request']>(async () => ({ status: 'paid' }));
    const { frame } = setup({ handlers: { 'payment.request': handler } });
    const port = await handshake(frame);
    expect(await request(port, 'payment.request', { orderId: 'o-1' })).toEqual({
      type: 'response',
      id: expect.any(String),
      ok: true,
      result: { status: 'paid' },
    });
    expect(handler).toHaveBeenCalledWith({ orderId: 'o-1' }, expect.objectContaining({ appId: context.appId }));
  });

  it.each(['wallet.drain', 'toString', '__proto__'])('answers %s with unknown_method', async (method) => {
    const { frame } = setup();
    const port = await handshake(frame);
    expect(await request(port, method)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([{}, { orderId: 42 }, { orderId: 'o-1', amountFen: 1 }])(
    'answers invalid params %j with validation_failed without calling the handler',
    async (params) => {
      const handler = vi.fn(async () => ({ status: 'paid' as const }));
      const { frame } = setup({ handlers: { 'payment.request': handler } });
      const port = await handshake(frame);
      expect(await request(port, 'payment.request', params)).toMatchObject({ error: { code: 'validation_failed' } });
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it('answers a denied scope with scope_denied and never runs the handler', async () => {
    const handler = vi.fn(async () => ({ nickname: 'x', avatarUrl: null }));
    const checkScope = vi.fn(async () => false);
    const { frame } = setup({ handlers: { 'user.getProfile': handler }, checkScope });
    const port = await handshake(frame);
    expect(await request(port, 'user.getProfile')).toMatchObject({ ok: false, error: { code: 'scope_denied' } });
    expect(checkScope).toHaveBeenCalledWith('profile', { appId: context.appId, method: 'user.getProfile' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('denies every scope when no checkScope is given, and serves granted ones', async () => {
    const { frame } = setup();
    const port = await handshake(frame);
    expect(await request(port, 'location.get')).toMatchObject({ error: { code: 'scope_denied' } });
    const granted = setup({ checkScope: () => true });
    const port2 = await handshake(granted.frame);
    expect(await request(port2, 'location.get')).toMatchObject({ ok: true, result: { accuracy: 15 } });
  });

  it('passes coded handler errors through and hides unexpected ones', async () => {
    const { frame, onError } = setup({
      handlers: {
        'payment.request': async () => {
          throw new BridgeError('not_found', 'Order not found');
        },
        'auth.login': async () => {
          throw new Error('db password is hunter2');
        },
      },
    });
    const port = await handshake(frame);
    expect(await request(port, 'payment.request', { orderId: 'x' })).toMatchObject({
      error: { code: 'not_found', message: 'Order not found' },
    });
    expect(await request(port, 'auth.login')).toMatchObject({ error: { code: 'internal', message: 'Internal error' } });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('never forwards a result that breaks the table', async () => {
    const bad = (async () => ({
      code: 'c',
      userId: 'u-1',
      extra: new Date(),
    })) as unknown as BridgeHandlers['auth.login'];
    const { frame, onError } = setup({ handlers: { 'auth.login': bad } });
    const port = await handshake(frame);
    const response = await request(port, 'auth.login');
    expect(response).toMatchObject({ ok: true, result: { code: 'c' } });
    expect(response).not.toHaveProperty('result.userId');
    expect(onError).not.toHaveBeenCalled();
    const worse = setup({ handlers: { 'auth.login': (async () => ({ code: 5 })) as unknown as typeof bad } });
    const port2 = await handshake(worse.frame);
    expect(await request(port2, 'auth.login')).toMatchObject({ error: { code: 'internal' } });
    expect(worse.onError).toHaveBeenCalledTimes(1);
  });

  it('answers a malformed request that has an id, and drops one that has none', async () => {
    const { frame } = setup();
    const port = await handshake(frame);
    const seen: unknown[] = [];
    port.addEventListener('message', (event: { data: unknown }) => seen.push(event.data));
    port.postMessage({ type: 'request', method: 'auth.login', params: {} });
    port.postMessage({ type: 'request', id: 'x'.repeat(65), method: 'auth.login', params: {} });
    port.postMessage({ type: 'request', id: 'bad-1', method: 'auth.login', params: { when: new Date() } });
    await settle();
    expect(seen).toEqual([
      { type: 'response', id: 'bad-1', ok: false, error: { code: 'validation_failed', message: 'Malformed request' } },
    ]);
  });
});

describe('host bridge events and dispose', () => {
  it('emits typed events on the port, rejects bad data, and stops after dispose', async () => {
    let signal: AbortSignal | undefined;
    const { frame, bridge } = setup({
      handlers: {
        'payment.request': (_params, ctx) => {
          signal = ctx.signal;
          return new Promise(() => {}); // a cashier dialog the user never closes
        },
      },
    });
    expect(bridge.emit('theme.changed', { theme: 'dark' })).toBe(false); // before the handshake
    const port = await handshake(frame);
    const event = new Promise((resolve) => port.addEventListener('message', (e: { data: unknown }) => resolve(e.data)));
    expect(bridge.emit('theme.changed', { theme: 'dark' })).toBe(true);
    expect(await event).toEqual({ type: 'event', name: 'theme.changed', data: { theme: 'dark' } });
    expect(bridge.emit('theme.changed', { theme: 'sepia' } as never)).toBe(false);

    port.postMessage({ type: 'request', id: 'p1', method: 'payment.request', params: { orderId: 'o' } });
    await settle();
    bridge.dispose();
    expect(signal?.aborted).toBe(true);
    expect(bridge.connected).toBe(false);
    expect(bridge.emit('visibility.changed', { visible: false })).toBe(false);
  });
});
