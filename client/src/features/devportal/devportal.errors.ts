import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/http';
import { formErrorMessage } from '../auth/auth.errors';

const DEV_CODES = ['version_exists', 'wrong_state', 'not_found', 'invalid_package'] as const;
type DevCode = (typeof DEV_CODES)[number];

function isDevCode(code: string): code is DevCode {
  return (DEV_CODES as readonly string[]).includes(code);
}

/** A translated one-liner for a failed developer-portal call (falls back to the generic messages). */
export function devErrorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && isDevCode(err.code)) return t(`devportal.errors.${err.code}`);
  return formErrorMessage(err, t);
}
