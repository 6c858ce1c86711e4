import { INPUT_MESSAGES, isInputMessageKey, type Locale } from '@app/shared';
import Negotiator from 'negotiator';
import { z } from 'zod';

/** Offered languages; `zh` (any Chinese) is answered in zh-CN, and anything else in English. */
const OFFERED = ['en', 'zh-CN', 'zh'] as const;

/**
 * The language of error messages for a request or socket: the caller's `Accept-Language` (q-values honoured), English
 * when it names neither English nor Chinese.
 *
 * @example localeOf(req.headers) // 'zh-CN' for "zh-CN,zh;q=0.9,en;q=0.8"
 */
export function localeOf(headers: { 'accept-language'?: string | string[] | undefined }): Locale {
  const header = headers['accept-language'];
  if (!header) return 'en';
  const best = new Negotiator({ headers: { 'accept-language': String(header) } }).language([...OFFERED]);
  return best?.startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * The language of a socket's acks: the `locale` its client sent in the handshake's auth (a browser's WebSocket cannot
 * set Accept-Language, and the person may have chosen another language than the browser's), else Accept-Language.
 */
export function socketLocale(handshake: {
  auth?: Record<string, unknown>;
  headers: Parameters<typeof localeOf>[0];
}): Locale {
  const chosen = handshake.auth?.locale;
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  return localeOf(handshake.headers);
}

const zhCN = z.locales.zhCN();

/**
 * One zod issue's message in `locale`. The shared input rules carry a key (`params.i18n`) into a two-language
 * table; other English messages are the schemas' own, and in Chinese zod's zh-CN locale words the issue from its
 * code and bounds (a schema's English wording cannot be translated).
 */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  const key = issue.code === 'custom' ? (issue.params as { i18n?: unknown } | undefined)?.i18n : undefined;
  if (isInputMessageKey(key)) return INPUT_MESSAGES[key][locale];
  if (locale === 'en') return issue.message;
  // zod's zh-CN wording of a failed pattern quotes the regular expression, which helps nobody.
  if (issue.code === 'invalid_format' && issue.format === 'regex') return '格式不正确';
  const worded = zhCN.localeError(issue as z.core.$ZodRawIssue);
  const text = typeof worded === 'string' ? worded : worded?.message;
  return text ?? '输入无效';
}
