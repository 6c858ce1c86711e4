import { z } from 'zod';

/**
 * Bridge `storage.*` (DESIGN §6 v1.1): a key-value store per (person, app) that the platform keeps, because a
 * mini-program is a cross-site frame without usable localStorage. The same limits hold in the host, the server (a
 * CHECK on the table backs the two sizes) and the SDK's mock host.
 */
export const STORAGE_LIMITS = {
  /** Characters (UTF-16 code units, as `String.length` counts them) of a key. */
  maxKeyLength: 128,
  /** Bytes of a value encoded as UTF-8. */
  maxValueBytes: 4096,
  /** Keys one person may keep for one app. */
  maxKeys: 1024,
  /** Keys in one `storage.keys` page: 256 keys of 128 characters stay well inside the bridge's 64 KB per message. */
  keysPageSize: 256,
} as const;

/** UTF-8 size of a string (lone surrogates count as the 3 bytes of U+FFFD, as TextEncoder writes them). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Postgres text cannot hold U+0000, and a lone surrogate would be stored as U+FFFD (the value would come back
 * changed), so both are refused up front rather than lost or mangled. Keys also refuse control characters.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be refused
const NO_NUL_OR_LONE_SURROGATE = /^[^\u0000\p{Cs}]*$/u;
const NO_CONTROL_OR_LONE_SURROGATE = /^[^\p{Cc}\p{Cs}]*$/u;

export const StorageKeySchema = z
  .string()
  .min(1, 'A key has at least 1 character')
  .max(STORAGE_LIMITS.maxKeyLength, `A key has at most ${STORAGE_LIMITS.maxKeyLength} characters`)
  .regex(NO_CONTROL_OR_LONE_SURROGATE, 'A key may not contain control characters or lone surrogates');

export const StorageValueSchema = z
  .string()
  .regex(NO_NUL_OR_LONE_SURROGATE, 'A value may not contain U+0000 or lone surrogates')
  .refine(
    (value) => utf8Bytes(value) <= STORAGE_LIMITS.maxValueBytes,
    `A value is at most ${STORAGE_LIMITS.maxValueBytes} bytes of UTF-8`,
  );

/** `storage.keys` and its REST twin: one page of keys in code-point order, and where the next page starts. */
export const StorageKeysPageSchema = z.object({
  keys: z.array(StorageKeySchema).max(STORAGE_LIMITS.keysPageSize),
  /** Pass it back as `after` for the next page; `null` on the last page. */
  next: StorageKeySchema.nullable(),
});
export type StorageKeysPage = z.infer<typeof StorageKeysPageSchema>;
