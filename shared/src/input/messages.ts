import type { Locale } from '../users/users.schemas';

/**
 * Messages of the shared input rules in each UI language. A rule's issue carries its key as `params.i18n`; the
 * server's edge (REST and socket acks) answers in the caller's language from this table, and zod's own locale for
 * the rest.
 */
export const INPUT_MESSAGES = {
  'text.unicode': {
    en: 'Text must be valid Unicode (it has a lone surrogate)',
    'zh-CN': '文本须为有效的 Unicode（含有孤立的代理项）',
  },
  'text.control': {
    en: 'Control characters (like U+0000 or a line break) are not allowed',
    'zh-CN': '不能包含控制字符（如 U+0000 或换行）',
  },
  'text.control_multiline': {
    en: 'Control characters (like U+0000) are not allowed; line breaks and tabs are',
    'zh-CN': '不能包含控制字符（如 U+0000），换行和制表符除外',
  },
  'token.charset': {
    en: 'Only printable ASCII characters are allowed',
    'zh-CN': '只能包含可打印的 ASCII 字符',
  },
  'cursor.range': {
    en: 'A cursor is a whole number from 0 to 9007199254740991',
    'zh-CN': '游标须为 0 到 9007199254740991 之间的整数',
  },
  'patch.empty': {
    en: 'Nothing to change: send at least one field',
    'zh-CN': '没有要修改的内容：请至少提供一个字段',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type InputMessageKey = keyof typeof INPUT_MESSAGES;

export function isInputMessageKey(value: unknown): value is InputMessageKey {
  return typeof value === 'string' && Object.hasOwn(INPUT_MESSAGES, value);
}

/** Options for `refine`: the English message, and the key the edge translates it by. */
export function inputIssue(key: InputMessageKey, path?: PropertyKey[]) {
  return { message: INPUT_MESSAGES[key].en, params: { i18n: key }, ...(path ? { path } : {}) };
}
