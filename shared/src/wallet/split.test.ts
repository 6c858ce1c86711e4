import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cryptoRandomInt, REDPACKET_MAX_SHARES, REDPACKET_MAX_TOTAL_FEN, splitEqual, splitLucky } from './split';

/** Any valid (total, shares): shares in 1..100, total in shares..20,000. */
const packet = fc
  .integer({ min: 1, max: REDPACKET_MAX_SHARES })
  .chain((shares) => fc.tuple(fc.integer({ min: shares, max: REDPACKET_MAX_TOTAL_FEN }), fc.constant(shares)));

describe('splitLucky (double mean, CSPRNG)', () => {
  it('sums exactly, gives everyone ≥ 1 fen, and never exceeds 2× the mean of what remained', () => {
    fc.assert(
      fc.property(packet, ([total, shares]) => {
        const parts = splitLucky(total, shares);
        expect(parts).toHaveLength(shares);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        let remaining = total;
        parts.forEach((share, i) => {
          expect(Number.isInteger(share)).toBe(true);
          expect(share).toBeGreaterThanOrEqual(1);
          expect(share).toBeLessThanOrEqual((2 * remaining) / (shares - i));
          remaining -= share;
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('holds at the extremes of any random source', () => {
    fc.assert(
      fc.property(packet, fc.boolean(), ([total, shares], high) => {
        const parts = splitLucky(total, shares, (max) => (high ? max - 1 : 0));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.min(...parts)).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('is random: two splits of a big packet differ, and the mean share is fair', () => {
    expect(splitLucky(20_000, 100)).not.toEqual(splitLucky(20_000, 100));
    const firstShares = Array.from({ length: 2000 }, () => splitLucky(1000, 10)[0]!);
    const mean = firstShares.reduce((a, b) => a + b, 0) / firstShares.length;
    expect(mean).toBeGreaterThan(90); // expected 100.5 (uniform 1..200)
    expect(mean).toBeLessThan(111);
  });

  it.each([
    [0, 1],
    [5, 6],
    [20_001, 1],
    [100, 0],
    [100, 101],
    [10.5, 2],
  ])('refuses total %d in %d shares', (total, shares) => {
    expect(() => splitLucky(total, shares)).toThrow(RangeError);
  });
});

describe('splitEqual', () => {
  it('sums exactly and differs by at most 1 fen', () => {
    fc.assert(
      fc.property(packet, ([total, shares]) => {
        const parts = splitEqual(total, shares);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        expect(Math.min(...parts)).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});

describe('cryptoRandomInt', () => {
  it('stays in range and reaches both ends', () => {
    const seen = new Set(Array.from({ length: 500 }, () => cryptoRandomInt(3)));
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(() => cryptoRandomInt(0)).toThrow(RangeError);
  });
});
