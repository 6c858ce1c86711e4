import { describe, expect, it } from 'vitest';
import { cleanAmountInput, formatFen, formatSignedFen, parseYuanToFen } from './money';

describe('formatFen', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [42, '0.42'],
    [100, '1.00'],
    [123456, '1234.56'],
    [-5, '-0.05'],
    [-100, '-1.00'],
    [5_000_000, '50000.00'],
  ])('%d fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('signs statement amounts', () => {
    expect(formatSignedFen(100)).toBe('+1.00');
    expect(formatSignedFen(-29)).toBe('-0.29');
    expect(formatSignedFen(0)).toBe('0.00');
  });
});

describe('parseYuanToFen', () => {
  it.each([
    ['1', 100],
    ['1.', 100],
    ['1.0', 100],
    ['1.00', 100],
    ['0.01', 1],
    ['.5', 50],
    ['0.29', 29],
    ['1.1', 110],
    ['19.99', 1999],
    [' 2.50 ', 250],
    ['0', 0],
    ['50000', 5_000_000],
    ['007.07', 707],
  ])('%j → %d fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each(['', '.', 'abc', '1.234', '1..2', '1.2.3', '-1', '+1', '1e3', '¥1', '1,00', '1234567890'])(
    'refuses %j',
    (text) => {
      expect(parseYuanToFen(text)).toBeNull();
    },
  );

  it('is exact where floating point is not', () => {
    for (let fen = 0; fen <= 10_000; fen++) expect(parseYuanToFen(formatFen(fen))).toBe(fen);
  });
});

describe('cleanAmountInput', () => {
  it('lets amounts in progress through', () => {
    expect(cleanAmountInput('1', '')).toBe('1');
    expect(cleanAmountInput('1.', '1')).toBe('1.');
    expect(cleanAmountInput('1.2', '1.')).toBe('1.2');
    expect(cleanAmountInput('1,5', '1')).toBe('1.5');
    expect(cleanAmountInput('', '1')).toBe('');
  });

  it('keeps the previous value for what cannot become an amount', () => {
    expect(cleanAmountInput('1.234', '1.23')).toBe('1.23');
    expect(cleanAmountInput('1..', '1.')).toBe('1.');
    expect(cleanAmountInput('1a', '1')).toBe('1');
  });
});
