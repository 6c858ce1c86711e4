import type { DevApp } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { EmptyState } from '../../ui/EmptyState';
import { ChevronIcon, EmptyDiscoverArt } from '../../ui/Icons';
import { PageHeader } from '../chat/PageHeader';
import { fetchMyApps } from './devportal.api';
import { RegisterAppDialog } from './RegisterAppDialog';
import { SecretDialog } from './SecretDialog';
import '../chat/conversation.css';
import './devportal.css';
import './versions.css';

/** Me → Developer: the mini-programs I registered, and registering a new one. */
export default function DevAppsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [apps, setApps] = useState<DevApp[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [created, setCreated] = useState<{ app: DevApp; secret: string } | null>(null);

  useEffect(() => {
    fetchMyApps().then(setApps, () => setFailed(true));
  }, []);

  return (
    <div className="chat-page dev-page">
      <PageHeader title={t('devportal.title')} back="/me" />
      <div className="dev-page__body">
        {apps === null && (failed ? <p className="form-error">{t('errors.unknown')}</p> : <span className="spinner" />)}
        {apps?.length === 0 && (
          <EmptyState art={<EmptyDiscoverArt />} title={t('devportal.emptyTitle')} hint={t('devportal.emptyHint')} />
        )}
        {apps && apps.length > 0 && (
          <>
            <h2 className="dev-section">{t('devportal.myApps')}</h2>
            <div className="cell-group dev-group">
              {apps.map((app) => (
                <Link
                  key={app.appId}
                  to={`/me/dev/${app.appId}`}
                  className="cell cell--link dev-app-row"
                  data-testid="dev-app-row"
                  data-app-id={app.appId}
                >
                  <span className="dev-app-row__icon" aria-hidden="true">
                    {app.name.slice(0, 1)}
                  </span>
                  <span className="cell__label">
                    <span className="dev-app-row__name">{app.name}</span>
                    <span className="dev-app-row__id">{app.appId}</span>
                  </span>
                  <span className={`dev-badge dev-badge--${app.status}`}>{t(`devportal.appStatus.${app.status}`)}</span>
                  <ChevronIcon className="cell__chevron" />
                </Link>
              ))}
            </div>
          </>
        )}
        <div className="cell-group">
          <button
            type="button"
            className="cell cell--button dev-accent"
            onClick={() => setRegistering(true)}
            data-testid="register-app"
          >
            {t('devportal.register')}
          </button>
        </div>
      </div>
      <RegisterAppDialog
        open={registering}
        onClose={() => setRegistering(false)}
        onCreated={(app, secret) => {
          setRegistering(false);
          setApps((list) => [app, ...(list ?? [])]);
          setCreated({ app, secret });
        }}
      />
      <SecretDialog
        secret={created?.secret ?? null}
        onDone={() => {
          const appId = created?.app.appId;
          setCreated(null);
          if (appId) void navigate(`/me/dev/${appId}`);
        }}
      />
    </div>
  );
}
