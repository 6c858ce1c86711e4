import express, { type RequestHandler } from 'express';
import { LocalizedError } from '../errors';

/** Deepest JSON a request body may nest; the deepest real body (a subscribe message's data) has 2 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * `express.json` followed by a nesting limit. JSON.parse takes 20,000 nested arrays in 40 KB, but anything recursive
 * over them afterwards (hashing for idempotency, logging, zod) overflows the stack and answers 500, so such a body is
 * refused here, once, with a 400. The walk is iterative and stops at the first level past the limit.
 */
export function jsonBody({ limit, maxDepth = MAX_JSON_DEPTH }: { limit: string; maxDepth?: number }): RequestHandler {
  const parse = express.json({ limit });
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (req.body !== undefined && depthExceeds(req.body, maxDepth)) {
        return next(
          new LocalizedError('bad_request', {
            en: `JSON is nested too deeply (at most ${maxDepth} levels)`,
            'zh-CN': `JSON 嵌套层数过多（最多 ${maxDepth} 层）`,
          }),
        );
      }
      next();
    });
  };
}

/** True when `value` nests arrays or objects more than `maxDepth` levels deep (a scalar is depth 0). */
export function depthExceeds(value: unknown, maxDepth: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.value === null || typeof item.value !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return true;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth });
  }
  return false;
}
