import {
  BridgeError,
  DEVICE_KEY_ALGORITHM,
  DEVICE_LIMITS,
  STORAGE_LIMITS,
  fromBase64Url,
  toBase64Url,
  tokenBucket,
  type BridgeHandlers,
} from '@app/shared/bridge';

type StorageAndDevice = Pick<
  BridgeHandlers,
  'storage.get' | 'storage.set' | 'storage.remove' | 'storage.keys' | 'device.getPublicKey' | 'device.sign'
>;

/** Code-point order, as the platform lists keys (plain `<` compares UTF-16 units, which differs past U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The mock host's storage and device key, kept in memory with the real host's rules: the shared schemas check key
 * and value sizes, a new key past 1,024 fails with `storage_quota_exceeded`, keys come in pages of 256, the key is a
 * non-extractable WebCrypto P-256 key (so signatures verify like the real ones), and `device.sign` has the same
 * per-app rate limit.
 */
export function mockStorageAndDevice(storage: Map<string, string>, now?: () => number): StorageAndDevice {
  let key: Promise<{ privateKey: CryptoKey; publicKey: string; keyId: string }> | undefined;
  const deviceKey = () =>
    (key ??= (async () => {
      const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
      const keyId = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', spki)));
      return { privateKey: pair.privateKey, publicKey: toBase64Url(spki), keyId };
    })());
  const signs = tokenBucket({ burst: DEVICE_LIMITS.signBurst, perMinute: DEVICE_LIMITS.signsPerMinute, now });

  return {
    'storage.get': async ({ key }) => ({ value: storage.get(key) ?? null }),
    'storage.set': async ({ key, value }) => {
      if (!storage.has(key) && storage.size >= STORAGE_LIMITS.maxKeys)
        throw new BridgeError('storage_quota_exceeded', `At most ${STORAGE_LIMITS.maxKeys} keys; remove some first`);
      storage.set(key, value);
      return {};
    },
    'storage.remove': async ({ key }) => {
      storage.delete(key);
      return {};
    },
    'storage.keys': async ({ after }) => {
      const all = [...storage.keys()].sort(compareCodePoints);
      const rest = after === undefined ? all : all.filter((k) => compareCodePoints(k, after) > 0);
      const keys = rest.slice(0, STORAGE_LIMITS.keysPageSize);
      return { keys, next: rest.length > keys.length ? (keys.at(-1) ?? null) : null };
    },
    'device.getPublicKey': async () => {
      const { publicKey, keyId } = await deviceKey();
      return { publicKey, keyId, algorithm: DEVICE_KEY_ALGORITHM };
    },
    'device.sign': async ({ data }) => {
      if (!signs.take()) throw new BridgeError('rate_limited', 'Too many signatures; try again shortly');
      const { privateKey, keyId } = await deviceKey();
      const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, fromBase64Url(data));
      return { signature: toBase64Url(new Uint8Array(signature)), keyId };
    },
  };
}
