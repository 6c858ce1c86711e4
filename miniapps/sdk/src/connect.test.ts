import { createHostBridge, type FrameWindowLike, type HostWindowLike } from '@app/shared/bridge';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
// Test-only doubles that live beside the host code; not part of either package's public surface.
import { fakeHandlers } from '../../../shared/src/bridge/testing/handlers';
import { FakeWindow, settle } from '../../../shared/src/bridge/testing/fake-window';
import { connect, type SdkWindowLike } from './connect';
import { type MiniAppBridge } from './call';

const HOST = 'http://localhost:3000';
const APP = 'http://app1.apps.localhost:3001';
const context = {
  appId: 'mpapp1000000',
  locale: 'zh-CN',
  theme: 'dark',
  launchQuery: {},
  hostVersion: '1.0.0',
} as const;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function windows() {
  const host = new FakeWindow(HOST);
  const frame = new FakeWindow(APP, `${APP}/index.html?table=7&__host=${encodeURIComponent(HOST)}`);
  host.embed(frame);
  return { host, frame };
}

function hostBridge(host: FakeWindow, frame: FakeWindow) {
  const bridge = createHostBridge({
    window: host,
    getFrameWindow: () => frame,
    appOrigin: APP,
    hostOrigin: HOST,
    context,
    handlers: fakeHandlers(),
  });
  cleanups.push(() => bridge.dispose());
  return bridge;
}

const track = (bridge: MiniAppBridge) => (cleanups.push(() => bridge.close()), bridge);

function readyFrom(frame: FakeWindow, origin: string, source: unknown) {
  const { port1, port2 } = new MessageChannel();
  cleanups.push(() => port1.close());
  const ready = { ns: 'miniapp', v: 1, type: 'ready', context: { ...context, sdkVersion: '0.1.0' } };
  frame.deliver({ message: ready, targetOrigin: APP, origin, source, ports: [port2] });
}

describe('connect', () => {
  it('handshakes with the real host bridge and then talks over the port', async () => {
    const { host, frame } = windows();
    const hostSide = hostBridge(host, frame);
    const bridge = track(await connect({ window: frame }));
    expect(frame.sentToParent[0]).toMatchObject({
      targetOrigin: HOST,
      message: { type: 'hello', sdkVersion: '0.1.0' },
    });
    expect(frame.sentToParent.every((p) => p.targetOrigin === HOST)).toBe(true);
    expect(bridge.context).toMatchObject({ appId: context.appId, locale: 'zh-CN', sdkVersion: '0.1.0' });
    expect(await bridge.call('payment.request', { orderId: 'o-1' })).toEqual({ status: 'paid' });
    const theme = new Promise((resolve) => bridge.on('theme.changed', ({ theme }) => resolve(theme)));
    hostSide.emit('theme.changed', { theme: 'light' });
    expect(await theme).toBe('light');
  });

  it('keeps saying hello until a late host listens', async () => {
    const { host, frame } = windows();
    const pending = connect({ window: frame, helloIntervalMs: 10 });
    await settle(30);
    hostBridge(host, frame);
    track(await pending);
    expect(frame.sentToParent.length).toBeGreaterThan(1);
  });

  it('ignores a ready from a wrong origin or a wrong window, and times out with bridge_timeout', async () => {
    const { frame } = windows();
    const pending = connect({ window: frame, timeoutMs: 100 });
    readyFrom(frame, 'http://localhost:3000.evil.com', frame.parent); // look-alike origin
    readyFrom(frame, 'http://localhost:3001', frame.parent); // another port
    readyFrom(frame, HOST, new FakeWindow(HOST)); // right origin, not our parent
    await expect(pending).rejects.toMatchObject({ name: 'BridgeError', code: 'bridge_timeout' });
  });

  it('accepts the genuine ready after ignoring a forged one', async () => {
    const { frame } = windows();
    const pending = connect({ window: frame, timeoutMs: 500 });
    readyFrom(frame, 'http://evil.localhost:3000', frame.parent);
    await settle();
    readyFrom(frame, HOST, frame.parent);
    const bridge = track(await pending);
    expect(bridge.context.appId).toBe(context.appId);
  });

  it('refuses to start without a host origin or outside a frame', async () => {
    const lost = new FakeWindow(APP, `${APP}/?__host=*`);
    await expect(connect({ window: lost })).rejects.toMatchObject({ code: 'unavailable' });
    const top = new FakeWindow(HOST);
    const topWindow: SdkWindowLike = Object.assign(top, { parent: null });
    await expect(connect({ window: topWindow, hostOrigin: HOST })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('fits the DOM types (type-only)', () => {
    // A DOM window is what the SDK, the host and the iframe handle receive in a browser.
    const fits = (win: Window): [SdkWindowLike, HostWindowLike, FrameWindowLike] => [win, win, win];
    expectTypeOf(fits).returns.toEqualTypeOf<[SdkWindowLike, HostWindowLike, FrameWindowLike]>();
  });
});
