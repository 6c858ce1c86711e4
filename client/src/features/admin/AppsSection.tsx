import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminApp } from '@app/shared';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyDiscoverArt } from '../../ui/Icons';
import { fetchAdminApps, resumeApp, suspendApp } from './admin.api';
import { ReasonDialog } from './ReasonDialog';
import { useAdminAction } from './use-admin-action';

/** Every app with its status; Suspend (with a reason, for the audit log) or Resume. */
export function AppsSection() {
  const { t } = useTranslation();
  const [apps, setApps] = useState<AdminApp[] | null>(null);
  const { pending, error, fail, run } = useAdminAction();
  const [suspending, setSuspending] = useState<AdminApp | null>(null);

  useEffect(() => {
    fetchAdminApps().then(setApps, fail);
  }, [fail]);

  const change = (action: () => Promise<AdminApp>) =>
    run(async () => {
      const updated = await action();
      setApps((list) => list?.map((a) => (a.appId === updated.appId ? updated : a)) ?? null);
    });

  return (
    <>
      {error && (
        <p className="form-error dev-page__error" role="alert">
          {error}
        </p>
      )}
      {apps === null && !error && <span className="spinner" />}
      {apps?.length === 0 && (
        <EmptyState art={<EmptyDiscoverArt />} title={t('reviews.appsEmpty')} hint={t('reviews.appsEmptyHint')} />
      )}
      {apps && apps.length > 0 && (
        <div className="cell-group">
          {apps.map((app) => (
            <div
              key={app.appId}
              className="dev-version"
              data-testid="admin-app"
              data-app-id={app.appId}
              data-status={app.status}
            >
              <div className="dev-version__head">
                <span className="dev-version__number">{app.name}</span>
                <span className={`dev-badge dev-badge--${app.status}`}>{t(`devportal.appStatus.${app.status}`)}</span>
              </div>
              <p className="dev-version__meta">
                {app.appId} · {t(`devportal.categories.${app.category}`)}
              </p>
              <div className="dev-version__actions">
                {app.status === 'active' ? (
                  <button
                    type="button"
                    className="btn btn--small dev-secondary dev-danger"
                    disabled={pending}
                    onClick={() => setSuspending(app)}
                    data-testid="admin-app-suspend"
                  >
                    {t('reviews.suspend')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn btn--primary btn--small"
                    disabled={pending}
                    onClick={() => void change(() => resumeApp(app.appId))}
                    data-testid="admin-app-resume"
                  >
                    {t('reviews.resume')}
                  </button>
                )}
              </div>
            </div>
          ))}
        </div>
      )}
      <ReasonDialog
        open={suspending !== null}
        title={t('reviews.suspendTitle', { name: suspending?.name ?? '' })}
        label={t('reviews.suspendReason')}
        pending={pending}
        submitLabel={t('reviews.suspend')}
        pendingLabel={t('reviews.suspending')}
        onSubmit={(why) => change(() => suspendApp(suspending!.appId, why))}
        onClose={() => setSuspending(null)}
        testIds={{ input: 'suspend-reason', submit: 'suspend-confirm', error: 'suspend-reason-error' }}
      >
        <p className="dev-hint">{t('reviews.suspendHint')}</p>
      </ReasonDialog>
    </>
  );
}
