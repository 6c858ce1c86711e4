import { DEVICE_KEY_ALGORITHM, fromBase64Url, toBase64Url, type ResultOf } from '@app/shared/bridge';
import { openDB, type DBSchema } from 'idb';

/**
 * Bridge `device.*`: one ECDSA P-256 key per (person, app) on this device. WebCrypto makes it with
 * `extractable: false`, so the private key never exists as bytes in JavaScript — not in the host's, and never in the
 * mini-program's, which only ever sees the public key and signatures. The CryptoKey object itself is kept in the
 * host origin's IndexedDB (structured clone keeps it non-extractable). Encodings: shared/src/bridge/device.ts.
 */
export interface DeviceKeyRecord {
  /** `<userId>/<appId>`. */
  id: string;
  privateKey: CryptoKey;
  /** SPKI DER, base64url. */
  publicKey: string;
  /** SHA-256 of the SPKI DER, base64url. */
  keyId: string;
  createdAt: string;
}

/** Where the records live: IndexedDB in the browser (`indexedDbKeyStore`), anything alike in tests. */
export interface DeviceKeyStore {
  get(id: string): Promise<DeviceKeyRecord | undefined>;
  /** Stores `record` unless one with its id exists, and returns whichever is stored: the first writer wins. */
  putIfAbsent(record: DeviceKeyRecord): Promise<DeviceKeyRecord>;
  delete(id: string): Promise<void>;
}

interface KeysDb extends DBSchema {
  keys: { key: string; value: DeviceKeyRecord };
}

/**
 * The host origin's IndexedDB. `putIfAbsent` reads and adds in one readwrite transaction, and IndexedDB runs
 * overlapping readwrite transactions on a store one at a time — across tabs too — so two first uses make one key.
 */
export function indexedDbKeyStore(name = 'superapp-device-keys'): DeviceKeyStore {
  let db: ReturnType<typeof openDB<KeysDb>> | undefined;
  const open = () =>
    (db ??= openDB<KeysDb>(name, 1, {
      upgrade: (upgrading) => void upgrading.createObjectStore('keys', { keyPath: 'id' }),
    }));
  return {
    get: async (id) => (await open()).get('keys', id),
    async putIfAbsent(record) {
      const tx = (await open()).transaction('keys', 'readwrite');
      const existing = await tx.store.get(record.id);
      if (!existing) await tx.store.add(record);
      await tx.done;
      return existing ?? record;
    },
    delete: async (id) => (await open()).delete('keys', id),
  };
}

export interface DeviceKeys {
  publicKey(userId: string, appId: string): Promise<ResultOf<'device.getPublicKey'>>;
  /** Signs the base64url `data` (already checked: 1–1024 bytes). */
  sign(userId: string, appId: string, data: string): Promise<ResultOf<'device.sign'>>;
  /** "Clear data": the next use makes a new key. */
  forget(userId: string, appId: string): Promise<void>;
}

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export function createDeviceKeys(store: DeviceKeyStore, subtle: SubtleCrypto = crypto.subtle): DeviceKeys {
  // One creation at a time per id in this tab; putIfAbsent settles races with other tabs.
  const creating = new Map<string, Promise<DeviceKeyRecord>>();

  async function create(id: string): Promise<DeviceKeyRecord> {
    const pair = await subtle.generateKey(P256, false, ['sign', 'verify']);
    const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
    const keyId = toBase64Url(new Uint8Array(await subtle.digest('SHA-256', spki)));
    const record = { id, privateKey: pair.privateKey, publicKey: toBase64Url(spki), keyId };
    return store.putIfAbsent({ ...record, createdAt: new Date().toISOString() });
  }

  async function keyOf(userId: string, appId: string): Promise<DeviceKeyRecord> {
    const id = `${userId}/${appId}`;
    const stored = await store.get(id);
    if (stored) return stored;
    let pending = creating.get(id);
    if (!pending) {
      pending = create(id).finally(() => creating.delete(id));
      creating.set(id, pending);
    }
    return pending;
  }

  return {
    async publicKey(userId, appId) {
      const { publicKey, keyId } = await keyOf(userId, appId);
      return { publicKey, keyId, algorithm: DEVICE_KEY_ALGORITHM };
    },
    async sign(userId, appId, data) {
      const key = await keyOf(userId, appId);
      const signature = await subtle.sign(ES256, key.privateKey, fromBase64Url(data));
      return { signature: toBase64Url(new Uint8Array(signature)), keyId: key.keyId };
    },
    forget: (userId, appId) => store.delete(`${userId}/${appId}`),
  };
}

let shared: DeviceKeys | undefined;
/** The browser's one instance (IndexedDB opened on first use). */
export const deviceKeys = (): DeviceKeys => (shared ??= createDeviceKeys(indexedDbKeyStore()));
