import { z } from 'zod';

/** A value that survives `JSON.stringify` → `JSON.parse` unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Limits for anything that crosses the bridge: structured clone carries far more than JSON, so we check. */
export const JSON_LIMITS = { maxDepth: 16, maxBytes: 64 * 1024 } as const;

/**
 * Approximate serialized size of `value` in characters, or `null` when it is not plain JSON or breaks the limits.
 * Rejects Dates, Maps, typed arrays, functions, `undefined`, non-finite numbers, sparse arrays and cycles (via the
 * depth limit), and stops walking as soon as the byte budget is spent so a huge payload costs little.
 */
export function jsonSize(value: unknown, limits: { maxDepth: number; maxBytes: number } = JSON_LIMITS): number | null {
  let budget = limits.maxBytes;
  const walk = (v: unknown, depth: number): boolean => {
    if (depth > limits.maxDepth) return false;
    if (v === null) return (budget -= 4) >= 0;
    switch (typeof v) {
      case 'boolean':
        return (budget -= 5) >= 0;
      case 'number':
        return Number.isFinite(v) && (budget -= String(v).length) >= 0;
      case 'string':
        return (budget -= v.length + 2) >= 0;
      case 'object':
        break;
      default:
        return false;
    }
    if (Array.isArray(v)) {
      if ((budget -= 2) < 0) return false;
      for (let i = 0; i < v.length; i++) {
        if (!Object.hasOwn(v, i) || !walk(v[i], depth + 1) || (budget -= 1) < 0) return false;
      }
      return true;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    if ((budget -= 2) < 0) return false;
    for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
      if ((budget -= key.length + 4) < 0 || !walk(item, depth + 1)) return false;
    }
    return true;
  };
  return walk(value, 0) ? limits.maxBytes - budget : null;
}

export function isJsonValue(value: unknown): value is JsonValue {
  return jsonSize(value) !== null;
}

/** Plain JSON within {@link JSON_LIMITS}; the envelope's `params`, `result` and `data` use it. */
export const JsonValueSchema = z.custom<JsonValue>(isJsonValue, {
  message: `Expected plain JSON (depth ≤ ${JSON_LIMITS.maxDepth}, ≤ ${JSON_LIMITS.maxBytes} bytes)`,
});
