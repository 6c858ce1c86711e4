import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/http';

/** Error codes with their own sentence on the auth forms; anything else reads "Something went wrong". */
const FORM_CODES = [
  'invalid_credentials',
  'username_taken',
  'rate_limited',
  'validation_failed',
  'network',
  'unavailable',
] as const;
type FormCode = (typeof FORM_CODES)[number];

function isFormCode(code: string): code is FormCode {
  return (FORM_CODES as readonly string[]).includes(code);
}

/** The one-line, translated form error for a failed request. */
export function formErrorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && isFormCode(err.code)) return t(`errors.${err.code}`);
  return t('errors.unknown');
}

/** Field-level problems the server reported (`validation_failed`), keyed by the top-level input name. */
export function serverFieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !err.fields) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(err.fields)) out[path.split('.')[0] ?? path] ??= message;
  return out;
}
