import 'fake-indexeddb/auto';
import { createHash, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '@app/shared/bridge';
import { createDeviceKeys, indexedDbKeyStore } from './device-keys';

/** Checks a signature the way a gate would: Node's own crypto, SPKI DER, IEEE P1363 r ‖ s. */
function verifies(publicKey: string, data: Uint8Array, signature: string): boolean {
  return verify(
    'sha256',
    data,
    { key: Buffer.from(fromBase64Url(publicKey)), format: 'der', type: 'spki', dsaEncoding: 'ieee-p1363' },
    fromBase64Url(signature),
  );
}

let n = 0;
const freshStore = () => indexedDbKeyStore(`device-keys-test-${n++}`);
const bytes = (text: string) => new TextEncoder().encode(text);

describe('device keys', () => {
  it('makes an ES256 key on first use whose signatures verify in Node, and keeps it across page loads', async () => {
    const store = freshStore();
    const keys = createDeviceKeys(store);
    const first = await keys.publicKey('u1', 'mpaaaaaaaaaa');
    expect(first.algorithm).toBe('ES256');
    const spki = fromBase64Url(first.publicKey);
    expect(spki).toHaveLength(91);
    expect(first.keyId).toBe(createHash('sha256').update(spki).digest('base64url'));

    const data = bytes('ride:card-7:1764640000');
    const signed = await keys.sign('u1', 'mpaaaaaaaaaa', toBase64Url(data));
    expect(signed.keyId).toBe(first.keyId);
    expect(fromBase64Url(signed.signature)).toHaveLength(64);
    expect(verifies(first.publicKey, data, signed.signature)).toBe(true);
    expect(verifies(first.publicKey, bytes('ride:card-7:1764640001'), signed.signature)).toBe(false);

    // A new page (a new instance over the same IndexedDB) signs with the same key.
    const reloaded = createDeviceKeys(store);
    expect(await reloaded.publicKey('u1', 'mpaaaaaaaaaa')).toEqual(first);
    const again = await reloaded.sign('u1', 'mpaaaaaaaaaa', toBase64Url(data));
    expect(verifies(first.publicKey, data, again.signature)).toBe(true);
  });

  it('keeps the private key non-extractable, even after IndexedDB', async () => {
    const store = freshStore();
    await createDeviceKeys(store).publicKey('u1', 'mpaaaaaaaaaa');
    const record = await store.get('u1/mpaaaaaaaaaa');
    expect(record?.privateKey.extractable).toBe(false);
    expect(record?.privateKey.type).toBe('private');
    await expect(crypto.subtle.exportKey('pkcs8', record!.privateKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', record!.privateKey)).rejects.toThrow();
  });

  it('gives each app and each person their own key', async () => {
    const keys = createDeviceKeys(freshStore());
    const a = await keys.publicKey('u1', 'mpaaaaaaaaaa');
    const b = await keys.publicKey('u1', 'mpbbbbbbbbbb');
    const c = await keys.publicKey('u2', 'mpaaaaaaaaaa');
    expect(new Set([a.keyId, b.keyId, c.keyId]).size).toBe(3);
    const data = bytes('same bytes');
    const byB = await keys.sign('u1', 'mpbbbbbbbbbb', toBase64Url(data));
    expect(verifies(b.publicKey, data, byB.signature)).toBe(true);
    expect(verifies(a.publicKey, data, byB.signature)).toBe(false);
  });

  it('makes exactly one key when first uses race, in one tab and across two', async () => {
    const store = freshStore();
    const [tab1, tab2] = [createDeviceKeys(store), createDeviceKeys(store)];
    const data = toBase64Url(bytes('x'));
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => tab1.publicKey('u1', 'mpaaaaaaaaaa')),
      ...Array.from({ length: 5 }, () => tab2.publicKey('u1', 'mpaaaaaaaaaa')),
      tab1.sign('u1', 'mpaaaaaaaaaa', data),
      tab2.sign('u1', 'mpaaaaaaaaaa', data),
    ]);
    expect(new Set(results.map((r) => r.keyId)).size).toBe(1);
    const { publicKey } = (await tab1.publicKey('u1', 'mpaaaaaaaaaa')) as { publicKey: string };
    for (const r of results.slice(-2) as Array<{ signature: string }>)
      expect(verifies(publicKey, bytes('x'), r.signature)).toBe(true);
  });

  it('forgets the key on "Clear data": the next use makes a new one', async () => {
    const keys = createDeviceKeys(freshStore());
    const before = await keys.publicKey('u1', 'mpaaaaaaaaaa');
    const other = await keys.publicKey('u1', 'mpbbbbbbbbbb');
    await keys.forget('u1', 'mpaaaaaaaaaa');
    expect((await keys.publicKey('u1', 'mpaaaaaaaaaa')).keyId).not.toBe(before.keyId);
    expect(await keys.publicKey('u1', 'mpbbbbbbbbbb')).toEqual(other);
  });
});
