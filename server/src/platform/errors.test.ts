import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, toErrorBody, validationError } from './errors';

describe('validationError', () => {
  it('keeps the first message of each field', () => {
    const result = z
      .object({ a: z.string().min(2), b: z.object({ c: z.number() }) })
      .safeParse({ a: 'x', b: { c: 'y' } });
    const err = validationError(result.error!);
    expect(err.code).toBe('validation_failed');
    expect(err.status).toBe(400);
    expect(Object.keys(err.fields!)).toEqual(['a', 'b.c']);
  });
});

describe('toErrorBody', () => {
  it('passes AppErrors through and hides everything else', () => {
    expect(toErrorBody(new AppError('forbidden', 'no'))).toEqual({ code: 'forbidden', message: 'no' });
    const hidden = toErrorBody(new Error('password=hunter2 at db.ts:12'));
    expect(hidden.code).toBe('internal');
    expect(JSON.stringify(hidden)).not.toContain('hunter2');
  });
});
