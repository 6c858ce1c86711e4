import type { Locale } from '@app/shared';
import { applyLocale } from '../../lib/i18n';
import { sessionStore, setMe } from '../auth/session.store';
import { updateMe } from './me.api';

/**
 * The user picks a language: it applies at once, is remembered on this device and, when signed in, saved to the
 * account so their other devices follow. A failed save keeps the local choice.
 */
export async function chooseLocale(locale: Locale): Promise<void> {
  await applyLocale(locale, { remember: true });
  if (sessionStore.get().status !== 'authenticated') return;
  try {
    setMe(await updateMe({ locale }));
  } catch {
    // Offline or the session just ended: the device keeps the choice; the account is updated next time.
  }
}

/** Saves a new display name; rejects with ApiError so the dialog can show what went wrong. */
export async function saveDisplayName(displayName: string): Promise<void> {
  setMe(await updateMe({ displayName }));
}
