import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/http';

/** Tries left before the wallet locks, as the server counts them (`pin_wrong` details). */
export function triesLeft(err: ApiError): number | null {
  return err.details?.triesLeft ?? null;
}

/** The words for a failed money action; unknown codes read "Something went wrong". */
export function moneyErrorText(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return t('errors.unknown');
  switch (err.code) {
    case 'pin_wrong': {
      const left = triesLeft(err);
      return left === null ? t('wallet.errors.pinWrongNoCount') : t('wallet.errors.pinWrong', { count: left });
    }
    case 'pin_locked':
      return t('wallet.errors.pinLocked');
    case 'pin_required':
      return t('wallet.errors.pinRequired');
    case 'insufficient_funds':
      return t('wallet.errors.insufficientFunds');
    case 'not_friends':
      return t('wallet.errors.notFriends');
    case 'blocked':
      return t('wallet.errors.blocked');
    case 'forbidden':
      return t('wallet.errors.forbidden');
    case 'validation_failed': {
      const first = err.fields ? Object.values(err.fields)[0] : undefined;
      return first ?? t('errors.validation_failed');
    }
    case 'network':
      return t('errors.network');
    case 'rate_limited':
      return t('errors.rate_limited');
    case 'unavailable':
      return t('errors.unavailable');
    default:
      return t('errors.unknown');
  }
}
