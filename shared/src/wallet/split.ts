/** Red packet limits (DESIGN §5): total ≤ ¥200, 1..100 shares, every share ≥ 1 fen. */
export const REDPACKET_MAX_TOTAL_FEN = 20_000;
export const REDPACKET_MAX_SHARES = 100;

/** A uniform random integer in [0, maxExclusive). */
export type RandomInt = (maxExclusive: number) => number;

/**
 * Uniform integers from the platform CSPRNG (Web Crypto, in Node and browsers), by rejection sampling so that no
 * value is favoured by modulo bias.
 */
export const cryptoRandomInt: RandomInt = (maxExclusive) => {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > 2 ** 32) {
    throw new RangeError(`maxExclusive must be an integer in [1, 2^32], got ${maxExclusive}`);
  }
  const limit = 2 ** 32 - (2 ** 32 % maxExclusive);
  const buf = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % maxExclusive;
  }
};

function checkSplit(totalFen: number, shares: number): void {
  if (!Number.isInteger(totalFen) || !Number.isInteger(shares))
    throw new RangeError('Amounts and shares are whole numbers');
  if (shares < 1 || shares > REDPACKET_MAX_SHARES) throw new RangeError(`Shares must be 1..${REDPACKET_MAX_SHARES}`);
  if (totalFen > REDPACKET_MAX_TOTAL_FEN) throw new RangeError(`Total is at most ${REDPACKET_MAX_TOTAL_FEN} fen`);
  if (totalFen < shares) throw new RangeError('Every share needs at least 1 fen');
}

/**
 * The "lucky" split by the double-mean rule: each share is uniform in [1, 2 × remaining / remainingShares] (capped so
 * every later share can still get 1 fen); the last share takes the rest. Sum is exact; every share ≥ 1; no share is
 * above twice the mean of what remained when it was drawn.
 *
 * @example splitLucky(100, 3) // e.g. [41, 12, 47]
 */
export function splitLucky(totalFen: number, shares: number, randomInt: RandomInt = cryptoRandomInt): number[] {
  checkSplit(totalFen, shares);
  const out: number[] = [];
  let remaining = totalFen;
  for (let left = shares; left > 1; left--) {
    const hi = Math.min(Math.floor((2 * remaining) / left), remaining - (left - 1));
    const share = 1 + randomInt(hi);
    out.push(share);
    remaining -= share;
  }
  out.push(remaining);
  return out;
}

/** The equal split: every share gets total / shares, the first (total mod shares) shares one fen more. */
export function splitEqual(totalFen: number, shares: number): number[] {
  checkSplit(totalFen, shares);
  const base = Math.floor(totalFen / shares);
  const extra = totalFen % shares;
  return Array.from({ length: shares }, (_, i) => base + (i < extra ? 1 : 0));
}
