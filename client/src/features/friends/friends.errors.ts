import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/http';
import { formErrorMessage } from '../auth/auth.errors';

const FRIEND_CODES = ['already_friends', 'blocked', 'not_found', 'conflict', 'validation_failed'] as const;
type FriendCode = (typeof FRIEND_CODES)[number];

function isFriendCode(code: string): code is FriendCode {
  return (FRIEND_CODES as readonly string[]).includes(code);
}

/** A translated one-liner for a failed friends call (falls back to the generic network/server messages). */
export function friendErrorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && isFriendCode(err.code)) return t(`friends.errors.${err.code}`);
  return formErrorMessage(err, t);
}
