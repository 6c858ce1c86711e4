import type { DevApp, Version } from '@app/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { Dialog } from '../../ui/Dialog';
import { PageHeader } from '../chat/PageHeader';
import { AppSettings } from './AppSettings';
import { fetchMyApps, fetchVersions, rotateSecret } from './devportal.api';
import { MerchantSection } from './MerchantSection';
import { devErrorMessage } from './devportal.errors';
import { PackageUpload } from './PackageUpload';
import { SecretDialog } from './SecretDialog';
import { VersionList } from './VersionList';
import '../chat/conversation.css';
import './devportal.css';
import './versions.css';
import './merchant.css';

/** Me → Developer → one app: its id, settings, secret, packages and the versions' review and release. */
export default function DevAppPage() {
  const { t } = useTranslation();
  const { appId = '' } = useParams();
  const [app, setApp] = useState<DevApp | null>(null);
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setVersions(await fetchVersions(appId));
  }, [appId]);

  useEffect(() => {
    fetchMyApps()
      .then((apps) => {
        const found = apps.find((a) => a.appId === appId);
        if (!found) throw new Error('not mine');
        setApp(found);
        return reload();
      })
      .catch(() => setError(t('devportal.errors.not_found')));
  }, [appId, reload, t]);

  async function rotate(): Promise<void> {
    setRotating(true);
    try {
      setSecret(await rotateSecret(appId));
      setConfirmRotate(false);
    } catch (err) {
      setError(devErrorMessage(err, t));
      setConfirmRotate(false);
    } finally {
      setRotating(false);
    }
  }

  return (
    <div className="chat-page dev-page">
      <PageHeader title={app?.name ?? t('devportal.title')} back="/me/dev" />
      <div className="dev-page__body">
        {error && (
          <p className="form-error dev-page__error" role="alert">
            {error}
          </p>
        )}
        {!app && !error && <span className="spinner" />}
        {app && (
          <>
            <div className="cell-group">
              <div className="cell">
                <span className="cell__label">{t('devportal.appId')}</span>
                <code className="dev-app-id" data-testid="dev-app-id">
                  {app.appId}
                </code>
              </div>
              <button
                type="button"
                className="cell cell--button dev-accent"
                onClick={() => setConfirmRotate(true)}
                data-testid="secret-rotate"
              >
                {t('devportal.rotate')}
              </button>
            </div>
            <PackageUpload appId={appId} onUploaded={() => void reload()} />
            <VersionList appId={appId} versions={versions} onChanged={reload} />
            <MerchantSection appId={appId} />
            <AppSettings app={app} onSaved={setApp} />
          </>
        )}
      </div>
      <Dialog
        open={confirmRotate}
        title={t('devportal.rotateTitle')}
        onClose={() => setConfirmRotate(false)}
        actions={
          <>
            <button type="button" className="dialog__action" onClick={() => setConfirmRotate(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="dialog__action dialog__action--danger"
              disabled={rotating}
              onClick={() => void rotate()}
              data-testid="secret-rotate-confirm"
            >
              {t('devportal.rotateConfirm')}
            </button>
          </>
        }
      >
        {t('devportal.rotateBody')}
      </Dialog>
      <SecretDialog secret={secret} onDone={() => setSecret(null)} />
    </div>
  );
}
