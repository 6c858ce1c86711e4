/**
 * Money on screen. Amounts are integer fen everywhere (¥1 = 100 fen); these helpers only turn them into text and
 * user input back into fen — with string arithmetic, so "0.29" is 29 fen and never 28.999….
 */

/** The largest amount a form accepts (¥50,000 — the top-up and transfer limit), in fen. */
export const MAX_INPUT_FEN = 5_000_000;

/** "1.00", "-0.42", "12345.60": two decimals, no grouping, a minus sign for negatives. */
export function formatFen(amountFen: number): string {
  const sign = amountFen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(amountFen));
  const yuan = Math.floor(abs / 100);
  const fen = abs % 100;
  return `${sign}${yuan}.${String(fen).padStart(2, '0')}`;
}

/** "+1.00" for money in, "-1.00" for money out (statements). */
export function formatSignedFen(amountFen: number): string {
  return amountFen > 0 ? `+${formatFen(amountFen)}` : formatFen(amountFen);
}

const AMOUNT = /^(\d{0,9})(?:\.(\d{0,2}))?$/;

/**
 * What the user typed ("1", "1.5", "0.01", ".5") → fen, or null when it is not an amount (empty, letters, more than
 * two decimals, several dots). Zero parses to 0; the caller decides whether zero is allowed.
 *
 * @example parseYuanToFen('1.00') // 100
 */
export function parseYuanToFen(input: string): number | null {
  const match = AMOUNT.exec(input.trim());
  if (!match) return null;
  const [, whole = '', decimals = ''] = match;
  if (!whole && !decimals) return null;
  return Number(whole || '0') * 100 + Number(decimals.padEnd(2, '0'));
}

/**
 * Keeps an amount field typeable: digits and one dot, at most two decimals. Returns the previous value when the new
 * one would not be an amount in progress ("1.234", "1..", "abc").
 */
export function cleanAmountInput(next: string, previous: string): string {
  const value = next.replace(/,/g, '.').replace(/\s/g, '');
  if (value === '') return '';
  return AMOUNT.test(value) ? value : previous;
}
