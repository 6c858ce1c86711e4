import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { validationError } from '../errors';
import { localeOf } from '../locale';

type Part = 'body' | 'query' | 'params';

/**
 * Parses one part of the request with a shared schema and stores the result in `res.locals[part]`.
 * Express 5 makes `req.query` read-only, so handlers read parsed input from `res.locals` via `input()`.
 *
 * @example router.post('/login', validate(LoginSchema), (req, res) => service.login(input(res, LoginSchema)))
 */
export function validate(schema: z.ZodType, part: Part = 'body'): RequestHandler {
  return (req, res, next) => {
    // A body that is not JSON (text/plain, none at all) parses as `{}`, so the schema decides what is missing.
    // reportInput keeps each issue's input, which zod's zh-CN wording needs ("received undefined" otherwise).
    const result = schema.safeParse(part === 'body' ? (req.body ?? {}) : req[part], { reportInput: true });
    if (!result.success) {
      next(validationError(result.error, { what: part, locale: localeOf(req.headers) }));
      return;
    }
    res.locals[part] = result.data;
    next();
  };
}

/** The parsed value stored by `validate(schema, part)`, typed by the same schema. */
export function input<S extends z.ZodType>(
  res: { locals: Record<string, unknown> },
  _schema: S,
  part: Part = 'body',
): z.infer<S> {
  return res.locals[part] as z.infer<S>;
}
