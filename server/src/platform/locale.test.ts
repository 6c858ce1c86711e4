import { userText } from '@app/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationError } from './errors';
import { issueMessage, localeOf, socketLocale } from './locale';

describe('localeOf', () => {
  it.each([
    [undefined, 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['zh-TW', 'zh-CN'],
    ['fr, zh;q=0.5', 'zh-CN'],
    ['en;q=0.5, zh-CN;q=0.9', 'zh-CN'],
    ['fr', 'en'],
  ])('%s → %s', (header, locale) => {
    expect(localeOf({ 'accept-language': header })).toBe(locale);
  });
});

describe('issueMessage and validationError', () => {
  const Schema = z.object({ note: userText({ max: 5, tooLong: 'Note is at most 5 characters' }), n: z.number() });

  it('words the shared rules from their table and other issues with zod zh-CN, keeping English schema messages', () => {
    const issues = Schema.safeParse({ note: 'a\u0000', n: 'x' }, { reportInput: true }).error!.issues;
    expect(issues.map((issue) => issueMessage(issue, 'en'))).toEqual([
      'Control characters (like U+0000 or a line break) are not allowed',
      'Invalid input: expected number, received string',
    ]);
    expect(issues.map((issue) => issueMessage(issue, 'zh-CN'))).toEqual([
      '不能包含控制字符（如 U+0000 或换行）',
      '无效输入：期望 数字，实际接收 string',
    ]);
    const tooLong = Schema.safeParse({ note: 'abcdef', n: 1 }).error!.issues[0]!;
    expect(issueMessage(tooLong, 'en')).toBe('Note is at most 5 characters');
    expect(issueMessage(tooLong, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('builds a validation_failed error in the caller language, per field', () => {
    const error = Schema.safeParse({ note: 'a\ud800', n: 1 }).error!;
    const zh = validationError(error, { what: 'body', locale: 'zh-CN' }).toBody();
    expect(zh).toEqual({
      code: 'validation_failed',
      message: 'note: 文本须为有效的 Unicode（含有孤立的代理项）',
      fields: { note: '文本须为有效的 Unicode（含有孤立的代理项）' },
    });
    expect(validationError(error).message).toBe('note: Text must be valid Unicode (it has a lone surrogate)');
  });

  it('words socket acks in the language the client chose, over the browser header', () => {
    const headers = { 'accept-language': 'en-US,en;q=0.9' };
    expect(socketLocale({ auth: { locale: 'zh-CN' }, headers })).toBe('zh-CN');
    expect(socketLocale({ auth: { locale: 'fr' }, headers })).toBe('en');
    expect(socketLocale({ headers: { 'accept-language': 'zh-TW' } })).toBe('zh-CN');
  });
});
