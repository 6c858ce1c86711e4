import { describe, expect, expectTypeOf, it } from 'vitest';
import { BridgeError } from './errors';
import { useMockHosts } from './mock-host.fixture';

const mock = useMockHosts();

const never = <T>() => new Promise<T>(() => {});

describe('call', () => {
  it('round-trips typed calls through the mock host and records them', async () => {
    const { bridge, calls } = mock();
    expect(await bridge.call('auth.login')).toEqual({ code: expect.stringMatching(/^mock-code-/) });
    expect(await bridge.call('subscribe.request', { templateIds: ['t1', 't2'] })).toEqual({
      results: { t1: 'accept', t2: 'accept' },
    });
    expect(await bridge.call('system.getInfo')).toMatchObject({ platform: 'web', sdkVersion: '0.1.0' });
    expect(calls.map((c) => c.method)).toEqual(['auth.login', 'subscribe.request', 'system.getInfo']);
  });

  it('times out a non-dialog call with bridge_timeout', async () => {
    const { bridge } = mock({ handlers: { 'ui.toast': () => never() }, timeoutMs: 30 });
    await expect(bridge.call('ui.toast', { text: 'hi' })).rejects.toMatchObject({ code: 'bridge_timeout' });
    await expect(bridge.call('ui.toast', { text: 'hi' }, { timeoutMs: 5 })).rejects.toBeInstanceOf(BridgeError);
  });

  it('lets a dialog call wait past the default timeout', async () => {
    let pay: (value: { status: 'paid' }) => void = () => {};
    const { bridge } = mock({ handlers: { 'payment.request': () => new Promise((r) => (pay = r)) }, timeoutMs: 20 });
    const result = bridge.call('payment.request', { orderId: 'o-1' });
    await new Promise((r) => setTimeout(r, 60));
    pay({ status: 'paid' });
    expect(await result).toEqual({ status: 'paid' });
  });

  it('reports scope_denied, host errors and local validation as BridgeErrors', async () => {
    const { bridge, calls } = mock({
      grantedScopes: [],
      handlers: {
        'payment.request': async () => {
          throw new BridgeError('not_found', 'No such order');
        },
      },
    });
    await expect(bridge.call('location.get')).rejects.toMatchObject({ code: 'scope_denied' });
    await expect(bridge.call('payment.request', { orderId: 'x' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'No such order',
    });
    const untyped = bridge.call as (method: string, params?: unknown) => Promise<unknown>;
    await expect(untyped('wallet.drain')).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(untyped('toString')).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(untyped('payment.request', { orderId: 7 })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(calls.map((c) => c.method)).toEqual(['payment.request']);
  });

  it('scan.code: a scanned text by default, cancelled when overridden, scope_denied without camera', async () => {
    expect(await mock().bridge.call('scan.code')).toEqual({ status: 'scanned', text: 'https://example.com/mock-scan' });
    const cancelled = mock({ handlers: { 'scan.code': async () => ({ status: 'cancelled' }) } });
    expect(await cancelled.bridge.call('scan.code', { hint: 'Bike code' })).toEqual({ status: 'cancelled' });
    expect(cancelled.calls).toEqual([{ method: 'scan.code', params: { hint: 'Bike code' } }]);
    const denied = mock({ grantedScopes: ['profile', 'location'] });
    await expect(denied.bridge.call('scan.code')).rejects.toMatchObject({ code: 'scope_denied' });
    expect(denied.calls).toEqual([]);
  });

  it('cancels on abort and on close', async () => {
    const { bridge } = mock({ handlers: { 'share.toChat': () => never() } });
    const controller = new AbortController();
    const aborted = bridge.call('share.toChat', { title: 't', path: '/' }, { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'cancelled' });
    const pending = bridge.call('share.toChat', { title: 't', path: '/' });
    bridge.close();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await expect(bridge.call('ui.close')).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('delivers typed events until unsubscribed', async () => {
    const host = mock();
    const seen: boolean[] = [];
    const off = host.bridge.on('visibility.changed', ({ visible }) => seen.push(visible));
    host.emit('visibility.changed', { visible: false });
    await new Promise((r) => setTimeout(r, 20));
    off();
    host.emit('visibility.changed', { visible: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([false]);
  });
});

describe('call types', () => {
  it('infers params and results from the shared table', () => {
    const { bridge } = mock();
    const rejectAll = (p: Promise<unknown>) => p.catch(() => {});
    const paid = bridge.call('payment.request', { orderId: 'o-1' });
    const login = bridge.call('auth.login');
    const profile = bridge.call('user.getProfile');
    [paid, login, profile].forEach((p) => void rejectAll(p));
    expectTypeOf(paid).resolves.toEqualTypeOf<{ status: 'paid' | 'cancelled' }>();
    expectTypeOf(login).resolves.toEqualTypeOf<{ code: string }>();
    expectTypeOf(profile).resolves.toEqualTypeOf<{ nickname: string; avatarUrl: string | null }>();
    bridge.on('theme.changed', ({ theme }) => expectTypeOf(theme).toEqualTypeOf<'light' | 'dark'>());
    // @ts-expect-error -- orderId must be a string
    void rejectAll(bridge.call('payment.request', { orderId: 42 }));
    // @ts-expect-error -- params are required
    void rejectAll(bridge.call('payment.request'));
    // @ts-expect-error -- not a bridge method
    void rejectAll(bridge.call('wallet.drain'));
    // @ts-expect-error -- not a bridge event
    bridge.on('wallet.updated', () => {});
    void rejectAll(bridge.call('ui.close'));
  });
});
