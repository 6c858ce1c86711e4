import { createHash, verify } from 'node:crypto';
import { STORAGE_LIMITS, fromBase64Url, toBase64Url } from '@app/shared/bridge';
import { describe, expect, it } from 'vitest';
import { useMockHosts } from './mock-host.fixture';
import { compareCodePoints } from './mock-storage';

const mock = useMockHosts();

describe('mock host storage', () => {
  it('sets, gets, lists and removes like the platform', async () => {
    const { bridge, storage } = mock({ storage: [['seeded', '1']] });
    expect(await bridge.call('storage.get', { key: 'cart' })).toEqual({ value: null });
    await bridge.call('storage.set', { key: 'cart', value: '[1,2]' });
    expect(await bridge.call('storage.get', { key: 'cart' })).toEqual({ value: '[1,2]' });
    expect(await bridge.call('storage.keys')).toEqual({ keys: ['cart', 'seeded'], next: null });
    await bridge.call('storage.remove', { key: 'cart' });
    expect([...storage.keys()]).toEqual(['seeded']);
  });

  it('keeps the quotas: value bytes, key length, 1,024 keys; overwriting at the quota works', async () => {
    const full = Array.from({ length: STORAGE_LIMITS.maxKeys }, (_, i) => [`k${i}`, 'v'] as [string, string]);
    const { bridge } = mock({ storage: full });
    await expect(bridge.call('storage.set', { key: 'one-more', value: 'v' })).rejects.toMatchObject({
      code: 'storage_quota_exceeded',
    });
    await bridge.call('storage.set', { key: 'k0', value: 'replaced' });
    expect(await bridge.call('storage.get', { key: 'k0' })).toEqual({ value: 'replaced' });
    await expect(bridge.call('storage.set', { key: 'k', value: '界'.repeat(1366) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(bridge.call('storage.get', { key: 'k'.repeat(129) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('pages keys in code-point order', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const { bridge } = mock({ storage: [...keys, '\u{1F600}', '\uFF5E'].map((k) => [k, 'v'] as [string, string]) });
    const first = await bridge.call('storage.keys');
    expect(first.keys).toHaveLength(STORAGE_LIMITS.keysPageSize);
    const second = await bridge.call('storage.keys', { after: first.next! });
    expect(second.next).toBeNull();
    expect([...first.keys, ...second.keys]).toEqual([...keys, '\uFF5E', '\u{1F600}']);
    expect(compareCodePoints('\uFF5E', '\u{1F600}')).toBeLessThan(0);
    expect('\uFF5E' < '\u{1F600}').toBe(false); // what a plain sort would get wrong
  });
});

describe('mock host device key', () => {
  it('signs with a non-extractable P-256 key whose signatures verify in Node', async () => {
    const { bridge } = mock();
    const { publicKey, keyId, algorithm } = await bridge.call('device.getPublicKey');
    expect(algorithm).toBe('ES256');
    expect(keyId).toBe(createHash('sha256').update(fromBase64Url(publicKey)).digest('base64url'));
    const data = new TextEncoder().encode('ride code');
    const signed = await bridge.call('device.sign', { data: toBase64Url(data) });
    expect(signed.keyId).toBe(keyId);
    const key = { key: Buffer.from(fromBase64Url(publicKey)), format: 'der', type: 'spki', dsaEncoding: 'ieee-p1363' };
    expect(verify('sha256', data, key as never, fromBase64Url(signed.signature))).toBe(true);
    expect((await bridge.call('device.getPublicKey')).publicKey).toBe(publicKey);
  });

  it('refuses data over 1 KB and rate-limits signing like the host', async () => {
    const { bridge } = mock();
    await expect(bridge.call('device.sign', { data: toBase64Url(new Uint8Array(1025)) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => bridge.call('device.sign', { data: 'AQ' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'rate_limited' });
  });
});
