import { describe, expect, it } from 'vitest';
import { DeviceSignDataSchema, fromBase64Url, toBase64Url, tokenBucket } from './device';

describe('base64url', () => {
  it('round-trips every length and matches Node’s encoder', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('refuses padding, the standard alphabet and impossible lengths', () => {
    for (const bad of ['AA==', 'A+/B', 'A', 'AAAAA', 'a b'])
      expect(() => fromBase64Url(bad), bad).toThrow('Not base64url');
  });

  it('signs 1 to 1024 bytes of data', () => {
    const of = (n: number) => toBase64Url(new Uint8Array(n));
    expect(DeviceSignDataSchema.safeParse(of(1)).success).toBe(true);
    expect(DeviceSignDataSchema.safeParse(of(1024)).success).toBe(true);
    expect(DeviceSignDataSchema.safeParse(of(1025)).success).toBe(false);
    expect(DeviceSignDataSchema.safeParse('').success).toBe(false);
    expect(DeviceSignDataSchema.safeParse('AAAAA').success).toBe(false);
    expect(DeviceSignDataSchema.safeParse('AA==').success).toBe(false);
  });
});

describe('tokenBucket', () => {
  it('allows a burst, then the per-minute rate', () => {
    let now = 0;
    const bucket = tokenBucket({ burst: 3, perMinute: 60, now: () => now });
    expect([1, 2, 3, 4].map(() => bucket.take())).toEqual([true, true, true, false]);
    now += 999;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => bucket.take())).toEqual([true, true, true, false]);
  });
});
