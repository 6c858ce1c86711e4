import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

/** Flattens nested messages to [dotted key, text] pairs. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const keysOf = (messages: unknown) =>
      leaves(messages)
        .map(([key]) => key)
        .sort();
    expect(keysOf(zhCN)).toEqual(keysOf(en));
  });

  it('every message is a non-empty string with the same placeholders in both languages', () => {
    const zh = new Map(leaves(zhCN));
    for (const [key, text] of leaves(en)) {
      const other = zh.get(key);
      expect(typeof text === 'string' && text.length > 0, key).toBe(true);
      expect(typeof other === 'string' && other.length > 0, key).toBe(true);
      const placeholders = (s: unknown) =>
        String(s)
          .match(/{{\w+}}/g)
          ?.sort() ?? [];
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });
});
