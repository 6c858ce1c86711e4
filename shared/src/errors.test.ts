import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_STATUS, httpStatusOf, isErrorCode } from './errors';

describe('error code table', () => {
  it('maps every code to a 4xx or 5xx status', () => {
    for (const code of ERROR_CODES) {
      expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
      expect(httpStatusOf(code)).toBeLessThan(600);
    }
  });

  it('keeps server faults at 5xx and client faults at 4xx', () => {
    expect(ERROR_STATUS.internal).toBe(500);
    expect(ERROR_STATUS.validation_failed).toBe(400);
    expect(ERROR_STATUS.rate_limited).toBe(429);
  });

  it('recognises only its own codes', () => {
    expect(isErrorCode('token_reused')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});
