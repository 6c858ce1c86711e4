import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { validationError } from '../errors';

type Part = 'body' | 'query' | 'params';

/**
 * Parses one part of the request with a shared schema and stores the result in `res.locals[part]`.
 * Express 5 makes `req.query` read-only, so handlers read parsed input from `res.locals` via `input()`.
 *
 * @example router.post('/login', validate(LoginSchema), (req, res) => service.login(input(res, LoginSchema)))
 */
export function validate(schema: z.ZodType, part: Part = 'body'): RequestHandler {
  return (req, res, next) => {
    const result = schema.safeParse(part === 'body' ? (req.body ?? {}) : req[part]);
    if (!result.success) {
      next(validationError(result.error, part));
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
