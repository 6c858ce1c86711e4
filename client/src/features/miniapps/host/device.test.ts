import { describe, expect, it } from 'vitest';
import type { HandlerContext } from '@app/shared/bridge';
import { deviceHandlers } from './device';
import type { DeviceKeys } from './device-keys';

const ctx = (appId: string): HandlerContext => ({
  appId,
  method: 'device.sign',
  requestId: 'r1',
  signal: new AbortController().signal,
});

function fakeKeys(calls: string[]): () => DeviceKeys {
  const keys: DeviceKeys = {
    publicKey: async (userId, appId) => ({ publicKey: `${userId}/${appId}`, keyId: 'k', algorithm: 'ES256' }),
    sign: async (userId, appId, data) => {
      calls.push(`${userId}/${appId}:${data}`);
      return { signature: 's', keyId: 'k' };
    },
    forget: async () => {},
  };
  return () => keys;
}

describe('device handlers', () => {
  it('signs a burst of 10 per app, then answers rate_limited until the bucket refills (60 a minute)', async () => {
    let now = 0;
    const calls: string[] = [];
    const handlers = deviceHandlers({ keys: fakeKeys(calls), userId: () => 'u1', buckets: new Map(), now: () => now });
    const sign = (appId: string) => handlers['device.sign']({ data: 'AA' }, ctx(appId));
    for (let i = 0; i < 10; i++) await sign('mpaaaaaaaaaa');
    await expect(sign('mpaaaaaaaaaa')).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(sign('mpbbbbbbbbbb')).resolves.toEqual({ signature: 's', keyId: 'k' });
    now += 1000;
    await expect(sign('mpaaaaaaaaaa')).resolves.toBeDefined();
    await expect(sign('mpaaaaaaaaaa')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(calls).toHaveLength(12);
    expect(calls[0]).toBe('u1/mpaaaaaaaaaa:AA');
  });

  it('uses the bridge’s appId and the signed-in person, and refuses when nobody is signed in', async () => {
    let user: string | null = 'u9';
    const handlers = deviceHandlers({ keys: fakeKeys([]), userId: () => user, buckets: new Map() });
    expect(await handlers['device.getPublicKey']({}, ctx('mpcccccccccc'))).toMatchObject({
      publicKey: 'u9/mpcccccccccc',
    });
    user = null;
    await expect(handlers['device.getPublicKey']({}, ctx('mpcccccccccc'))).rejects.toThrow(/Nobody is signed in/);
    await expect(handlers['device.sign']({ data: 'AA' }, ctx('mpcccccccccc'))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
