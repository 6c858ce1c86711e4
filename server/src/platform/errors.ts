import { httpStatusOf, type ErrorBody, type ErrorCode, type ErrorDetails, type Locale } from '@app/shared';
import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { issueMessage, localeOf } from './locale';
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

  /** The wire body; features' messages are English, subclasses may answer in `_locale`. */
  toBody(_locale: Locale = 'en'): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** An error the edge itself raises (bad JSON, too deep, too large), worded in each UI language. */
export class LocalizedError extends AppError {
  constructor(
    code: ErrorCode,
    readonly texts: Record<Locale, string>,
  ) {
    super(code, texts.en);
  }

  override toBody(locale: Locale = 'en'): ErrorBody {
    return { ...super.toBody(), message: this.texts[locale] };
  }
}

/**
 * A zod failure as a `validation_failed` error with one message per field path, worded in `locale`.
 *
 * @example validationError(result.error, { what: 'query', locale: localeOf(req.headers) })
 */
export function validationError(
  error: z.ZodError,
  { what = 'input', locale = 'en' }: { what?: string; locale?: Locale } = {},
): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issueMessage(issue, locale);
  }
  const first = error.issues[0];
  const invalid = locale === 'en' ? `Invalid ${what}` : '输入无效';
  const summary = first ? `${first.path.join('.') || what}: ${issueMessage(first, locale)}` : invalid;
  return new AppError('validation_failed', summary, fields);
}

const INTERNAL: Record<Locale, string> = {
  en: 'Something went wrong on our side',
  'zh-CN': '服务器出错了，请稍后再试',
};

/** Any thrown value as an error body; unknown errors become `internal` without leaking details. */
export function toErrorBody(err: unknown, locale: Locale = 'en'): ErrorBody {
  if (err instanceof AppError) return err.toBody(locale);
  return { code: 'internal', message: INTERNAL[locale] };
}

/** Express error handler: logs unexpected errors once with context, never sends stacks. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const locale = localeOf(req.headers);
    const appError = fromExpressError(err);
    if (!appError) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled request error');
      res.status(500).json({ error: toErrorBody(err, locale) });
      return;
    }
    res.status(appError.status).json({ error: appError.toBody(locale) });
  };
}

/** Maps errors thrown by express itself (bad JSON, body too large) to shared codes. */
function fromExpressError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.parse.failed') {
    return new LocalizedError('bad_request', {
      en: 'Request body is not valid JSON',
      'zh-CN': '请求体不是有效的 JSON',
    });
  }
  if (e.type === 'entity.too.large') {
    return new LocalizedError('payload_too_large', { en: 'Request body is too large', 'zh-CN': '请求体过大' });
  }
  if (e.status === 400 || e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return new LocalizedError('bad_request', { en: 'Malformed request', 'zh-CN': '请求格式有误' });
  }
  return undefined;
}
