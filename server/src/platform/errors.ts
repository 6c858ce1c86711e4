import { httpStatusOf, type ErrorBody, type ErrorCode, type ErrorDetails } from '@app/shared';
import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from './logger';

/** The one error type features throw; the edges turn it into `{error:{code, message}}` with the shared status. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }

  get status(): number {
    return httpStatusOf(this.code);
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** A zod failure as a `validation_failed` error with one message per field path. */
export function validationError(error: z.ZodError, what = 'input'): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const summary = first ? `${first.path.join('.') || what}: ${first.message}` : `Invalid ${what}`;
  return new AppError('validation_failed', summary, fields);
}

/** Any thrown value as an error body; unknown errors become `internal` without leaking details. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'internal', message: 'Something went wrong on our side' };
}

/** Express error handler: logs unexpected errors once with context, never sends stacks. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = fromExpressError(err);
    if (!appError) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled request error');
      res.status(500).json({ error: toErrorBody(err) });
      return;
    }
    res.status(appError.status).json({ error: appError.toBody() });
  };
}

/** Maps errors thrown by express itself (bad JSON, body too large) to shared codes. */
function fromExpressError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.parse.failed') return new AppError('bad_request', 'Request body is not valid JSON');
  if (e.type === 'entity.too.large') return new AppError('payload_too_large', 'Request body is too large');
  if (e.status === 400 || e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return new AppError('bad_request', 'Malformed request');
  }
  return undefined;
}
