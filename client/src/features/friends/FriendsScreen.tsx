import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { useFriendsSync } from './friends.store';

/** Shown while a lazily loaded screen's code arrives. */
export function ScreenFallback() {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status">
      <p className="splash__text">
        <span className="spinner" aria-hidden="true" />
        {t('app.loading')}
      </p>
    </div>
  );
}

/** The full-screen (no tab bar) contact screens: keeps friend data live and loads each screen on demand. */
export function FriendsScreen() {
  useFriendsSync();
  return (
    <div className="shell">
      <Suspense fallback={<ScreenFallback />}>
        <Outlet />
      </Suspense>
    </div>
  );
}
