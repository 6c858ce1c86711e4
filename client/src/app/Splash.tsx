import { useTranslation } from 'react-i18next';
import { restoreSession, useSession } from '../features/auth/session.store';

/** Shown while a stored session is being restored; offers a retry when the server could not be reached. */
export function Splash() {
  const { t } = useTranslation();
  const session = useSession();
  const failed = session.status === 'restoring' && session.failed;
  return (
    <div className="splash" role="status" aria-live="polite">
      <img className="splash__logo" src="/favicon.svg" alt="" width="64" height="64" />
      {failed ? (
        <>
          <p className="splash__text">{t('errors.network')}</p>
          <button type="button" className="btn btn--primary btn--small" onClick={() => void restoreSession()}>
            {t('common.retry')}
          </button>
        </>
      ) : (
        <p className="splash__text">
          <span className="spinner" aria-hidden="true" />
          {t('app.loading')}
        </p>
      )}
    </div>
  );
}
