import { z } from 'zod';

/**
 * Bridge `device.*` (DESIGN §6 v1.1): an ECDSA P-256 key per (person, app) on this device, made by the host with
 * WebCrypto as non-extractable and kept in the host's own IndexedDB. Every encoding here is part of the public
 * contract (a transit gate verifies ride codes offline with another library), see docs/miniapps/bridge.md:
 *
 * - `publicKey`: the SubjectPublicKeyInfo (SPKI, DER) of the key, base64url without padding (91 bytes → 122 chars);
 * - `keyId`: base64url of SHA-256 over those same DER bytes (43 chars);
 * - `data`: the bytes to sign, base64url without padding, 1–1024 bytes once decoded;
 * - `signature`: ECDSA P-256 over SHA-256 of `data`, IEEE P1363 `r ‖ s` (64 bytes) as WebCrypto returns it, base64url.
 */
export const DEVICE_KEY_ALGORITHM = 'ES256';
export const DEVICE_LIMITS = {
  /** Bytes of `data` one signature covers. */
  maxSignBytes: 1024,
  /** `device.sign` per app: a bucket of `burst` signatures refilled at `perMinute`. */
  signBurst: 10,
  signsPerMinute: 60,
} as const;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decodes base64url without padding; throws on any other character or an impossible length. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new Error('Not base64url');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let j = 0;
  for (const char of text) {
    value = (value << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** base64url text (no padding) of at most `maxBytes` bytes once decoded. */
export const base64UrlSchema = (maxBytes: number, minBytes = 0) =>
  z
    .string()
    .min(Math.ceil((minBytes * 4) / 3))
    .max(Math.ceil((maxBytes * 4) / 3))
    .regex(BASE64URL, 'Expected base64url without padding (A–Z a–z 0–9 - _)')
    .refine((text) => text.length % 4 !== 1, 'Not a valid base64url length');

export const DeviceSignDataSchema = base64UrlSchema(DEVICE_LIMITS.maxSignBytes, 1);
/** P-256 SPKI DER is 91 bytes; allow some slack for other encoders of the same key. */
export const DevicePublicKeySchema = base64UrlSchema(160, 64);
/** SHA-256: 32 bytes. */
export const DeviceKeyIdSchema = z.string().length(43).regex(BASE64URL);
/** IEEE P1363 `r ‖ s` for P-256: 64 bytes. */
export const DeviceSignatureSchema = z.string().length(86).regex(BASE64URL);

/**
 * A token bucket: `burst` at once, then `perMinute` spread evenly. `take()` is false when empty. The clock is
 * injectable so tests need no timers.
 */
export function tokenBucket(options: { burst: number; perMinute: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const refillPerMs = options.perMinute / 60_000;
  let tokens: number = options.burst;
  let at = now();
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(options.burst, tokens + (t - at) * refillPerMs);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
