import { describe, expect, it } from 'vitest';
import { JsonValueSchema } from './json';
import { STORAGE_LIMITS, StorageKeySchema, StorageKeysPageSchema, StorageValueSchema, utf8Bytes } from './storage';

describe('storage limits', () => {
  it('counts UTF-8 bytes exactly as TextEncoder does', () => {
    for (const text of ['', 'abc', 'é', '界', '😀', 'a😀界é', '\ud800', 'x\udc00y', '\ud83d'])
      expect(utf8Bytes(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('takes values up to 4096 bytes of UTF-8, not characters', () => {
    expect(StorageValueSchema.safeParse('').success).toBe(true);
    expect(StorageValueSchema.safeParse('a'.repeat(4096)).success).toBe(true);
    expect(StorageValueSchema.safeParse('a'.repeat(4097)).success).toBe(false);
    expect(StorageValueSchema.safeParse('界'.repeat(1365) + 'a').success).toBe(true);
    expect(StorageValueSchema.safeParse('界'.repeat(1366)).success).toBe(false);
    expect(StorageValueSchema.safeParse('😀'.repeat(1024)).success).toBe(true);
    expect(StorageValueSchema.safeParse('😀'.repeat(1024) + 'a').success).toBe(false);
  });

  it('refuses what Postgres would reject or change: U+0000 and lone surrogates', () => {
    expect(StorageValueSchema.safeParse('a\u0000b').success).toBe(false);
    expect(StorageValueSchema.safeParse('a\ud800b').success).toBe(false);
    expect(StorageValueSchema.safeParse('tabs\tand\nnewlines are fine').success).toBe(true);
    expect(StorageKeySchema.safeParse('tab\there').success).toBe(false);
    expect(StorageKeySchema.safeParse('\udc00').success).toBe(false);
  });

  it('takes keys of 1 to 128 characters', () => {
    expect(StorageKeySchema.safeParse('').success).toBe(false);
    expect(StorageKeySchema.safeParse('k'.repeat(STORAGE_LIMITS.maxKeyLength)).success).toBe(true);
    expect(StorageKeySchema.safeParse('k'.repeat(STORAGE_LIMITS.maxKeyLength + 1)).success).toBe(false);
    expect(StorageKeySchema.safeParse('cart:table-7 / 购物车').success).toBe(true);
  });

  it('keeps a full page of the longest keys inside one bridge message', () => {
    const page = {
      keys: Array.from({ length: STORAGE_LIMITS.keysPageSize }, (_, i) => `${i}`.padEnd(128, 'k')),
      next: 'k'.repeat(128),
    };
    expect(StorageKeysPageSchema.safeParse(page).success).toBe(true);
    expect(JsonValueSchema.safeParse(page).success, 'fits the bridge envelope').toBe(true);
    const tooMany = { keys: [...page.keys, 'one more'], next: null };
    expect(StorageKeysPageSchema.safeParse(tooMany).success).toBe(false);
  });
});
