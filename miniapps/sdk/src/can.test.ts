import { methodVersions } from '@app/shared/bridge';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { useMockHosts } from './mock-host.fixture';

const mock = useMockHosts();

describe('can()', () => {
  it('answers from the method list the host sent at launch', () => {
    const { bridge } = mock({ context: { methods: { 'storage.get': '1.1', 'ui.toast': '1.0' } } });
    expect(bridge.can('storage.get')).toBe(true);
    expect(bridge.can('ui.toast')).toBe(true);
    expect(bridge.can('storage.set')).toBe(false);
    expect(bridge.can('device.sign')).toBe(false);
  });

  it('knows every method of a current host', () => {
    const { bridge } = mock();
    expect(bridge.context.methods).toEqual(methodVersions());
    expect(bridge.can('device.sign')).toBe(true);
    expect(bridge.can('storage.keys')).toBe(true);
  });

  it('takes a host that sent no list for a 1.0 host', () => {
    const { bridge } = mock({ context: { methods: {} } });
    expect(bridge.can('payment.request')).toBe(true);
    expect(bridge.can('location.get')).toBe(true);
    expect(bridge.can('storage.get')).toBe(false);
    expect(bridge.can('device.getPublicKey')).toBe(false);
  });

  it('is false for names that are not bridge methods, even when a host lists them', () => {
    const { bridge } = mock({ context: { methods: { 'wallet.drain': '9.9', toString: '1.0' } } });
    const untyped = bridge.can as (method: string) => boolean;
    expect(untyped('wallet.drain')).toBe(false);
    expect(untyped('toString')).toBe(false);
    expect(untyped('__proto__')).toBe(false);
    expectTypeOf(bridge.can).parameter(0).toEqualTypeOf<Parameters<typeof bridge.call>[0]>();
    // @ts-expect-error -- not a bridge method
    void bridge.can('wallet.drain');
  });
});
