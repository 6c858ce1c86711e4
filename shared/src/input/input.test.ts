import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CursorSchema, nonEmptyPatch } from './rules';
import { charCount, exactText, httpUrl, opaqueToken, userText } from './text';

const keyOf = (result: z.ZodSafeParseResult<unknown>) =>
  result.error?.issues.map((issue) => (issue.code === 'custom' ? issue.params?.i18n : issue.code));

describe('userText', () => {
  const line = userText({ min: 1, max: 3 });
  const lines = userText({ max: 10, multiline: true });

  it('trims and counts characters (code points), not UTF-16 units', () => {
    expect(line.parse('  ab \n')).toBe('ab');
    expect(line.parse('😀😀😀')).toBe('😀😀😀');
    expect(keyOf(line.safeParse('😀😀😀😀'))).toEqual(['too_big']);
    expect(keyOf(line.safeParse(' \t '))).toEqual(['too_small']);
    expect(charCount('a😀中')).toBe(3);
    expect(charCount('\ud800\ud800')).toBe(2);
  });

  it('refuses lone surrogates and control characters; line breaks and tabs only in multi-line text', () => {
    expect(keyOf(line.safeParse('a\u0000'))).toEqual(['text.control']);
    expect(keyOf(line.safeParse('a\ud800'))).toEqual(['text.unicode']);
    expect(keyOf(line.safeParse('\udc00b'))).toEqual(['text.unicode']);
    expect(keyOf(line.safeParse('a\nb'))).toEqual(['text.control']);
    expect(keyOf(line.safeParse('a\u0085'))).toEqual(['text.control']);
    expect(lines.parse('a\r\nb\tc\n')).toBe('a\nb\tc');
    expect(keyOf(lines.safeParse('a\u0000b'))).toEqual(['text.control_multiline']);
    expect(keyOf(lines.safeParse('a\rb'))).toEqual(['text.control_multiline']);
  });

  it('keeps the English messages a schema gives for its limits', () => {
    const named = userText({ min: 1, max: 2, tooShort: 'Name is required', tooLong: 'Name is at most 2' });
    expect(named.safeParse('').error?.issues[0]?.message).toBe('Name is required');
    expect(named.safeParse('abc').error?.issues[0]?.message).toBe('Name is at most 2');
  });
});

describe('exactText, opaqueToken, httpUrl', () => {
  it('keep text as sent but refuse what the text rule refuses', () => {
    expect(exactText({ min: 1, max: 8 }).parse(' pass ')).toBe(' pass ');
    expect(keyOf(exactText({ max: 8 }).safeParse('a\u0000'))).toEqual(['text.control']);
    expect(keyOf(opaqueToken(1, 9).safeParse('ab cd'))).toEqual(['token.charset']);
    expect(httpUrl(100).parse('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(keyOf(httpUrl(100).safeParse('https://a.example/\u0000'))).toEqual(['text.control']);
    expect(keyOf(httpUrl(100).safeParse('https://a.example/\ud800'))).toEqual(['text.unicode']);
  });
});

describe('CursorSchema', () => {
  it('takes whole numbers up to 2^53 - 1 and refuses what bigint or a double cannot hold', () => {
    for (const ok of ['0', '1', '9007199254740991']) expect(CursorSchema.parse(ok)).toBe(ok);
    for (const bad of ['9007199254740992', '9223372036854775808', '1000000000000000000000', '-1', '1e3', '', ' 1'])
      expect(keyOf(CursorSchema.safeParse(bad)), bad).toEqual(['cursor.range']);
  });
});

describe('nonEmptyPatch', () => {
  const Patch = nonEmptyPatch(z.object({ a: z.string().optional(), b: z.number().nullable().optional() }).strict());

  it('refuses a patch that changes nothing and keeps the object schema', () => {
    expect(keyOf(Patch.safeParse({}))).toEqual(['patch.empty']);
    expect(keyOf(Patch.safeParse({ a: undefined }))).toEqual(['patch.empty']);
    expect(Patch.parse({ b: null })).toEqual({ b: null });
    expect(Object.keys(Patch.shape)).toEqual(['a', 'b']);
  });
});
