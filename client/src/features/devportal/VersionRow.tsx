import type { Version } from '@app/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { previewLink } from '../miniapps/miniapps.links';
import { releaseVersion, rollbackTo, submitVersion } from './devportal.api';
import { devErrorMessage } from './devportal.errors';

export type ReleaseRole = 'live' | 'gray' | 'rollback';

interface VersionRowProps {
  appId: string;
  version: Version;
  role: ReleaseRole | undefined;
  onChanged: () => Promise<void>;
}

/** One version: status badge, size and scopes, the review note, and the next step its status allows. */
export function VersionRow({ appId, version: v, role, onChanged }: VersionRowProps) {
  const { t } = useTranslation();
  const percentId = useId();
  const [percent, setPercent] = useState('10');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const percentValue = Number(percent);
  const percentValid = Number.isInteger(percentValue) && percentValue >= 1 && percentValue <= 100;

  async function run(action: () => Promise<unknown>): Promise<void> {
    setPending(true);
    setError(null);
    try {
      await action();
      await onChanged();
    } catch (err) {
      setError(devErrorMessage(err, t));
    } finally {
      setPending(false);
    }
  }

  const scopes = v.manifest.scopes.map((s) => t(`permissions.scopes.${s}`)).join(t('devportal.listSeparator'));
  return (
    <div className="dev-version" data-testid="version-row" data-version={v.version} data-status={v.status}>
      <div className="dev-version__head">
        <span className="dev-version__number">{v.version}</span>
        <span className={`dev-badge dev-badge--${v.status}`} data-testid="version-status">
          {t(`devportal.status.${v.status}`)}
        </span>
        {role === 'live' && <span className="dev-version__role">{t('devportal.live')}</span>}
        {(v.status === 'in_review' || v.status === 'approved' || v.status === 'released') && (
          <Link
            to={previewLink(appId, v.version)}
            className="btn btn--small dev-secondary"
            data-testid="version-preview"
          >
            {t('devportal.preview')}
          </Link>
        )}
        {role === 'rollback' && (
          <span className="dev-version__role dev-version__role--off">{t('devportal.previous')}</span>
        )}
        {role === 'gray' && (
          <span className="dev-version__role" data-testid="version-gray">
            {t('devportal.gray', { percent: v.releasePercent })}
          </span>
        )}
      </div>
      <p className="dev-version__meta">
        {t('devportal.versionMeta', { files: v.files, size: Math.max(1, Math.round(v.bytes / 1024)) })}
        {' · '}
        {scopes ? t('devportal.scopes', { scopes }) : t('devportal.noScopes')}
      </p>
      {v.status === 'rejected' && v.reviewNote && (
        <p className="dev-version__note" data-testid="version-review-note">
          {t('devportal.reviewNote', { note: v.reviewNote })}
        </p>
      )}
      <div className="dev-version__actions">
        {(v.status === 'draft' || v.status === 'rejected') && (
          <button
            type="button"
            className="btn btn--primary btn--small"
            disabled={pending}
            onClick={() => void run(() => submitVersion(appId, v.version))}
            data-testid="version-submit"
          >
            {t('devportal.submit')}
          </button>
        )}
        {v.status === 'approved' && (
          <form
            className="dev-release"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (percentValid) void run(() => releaseVersion(appId, v.version, percentValue));
            }}
          >
            <label htmlFor={percentId}>{t('devportal.releasePercent')}</label>
            <input
              id={percentId}
              className="dev-release__input"
              type="number"
              min={1}
              max={100}
              step={1}
              value={percent}
              aria-invalid={percentValid ? undefined : true}
              onChange={(e) => setPercent(e.target.value)}
              data-testid="release-percent"
            />
            <button
              type="submit"
              className="btn btn--primary btn--small"
              disabled={pending || !percentValid}
              data-testid="release-submit"
            >
              {t('devportal.release')}
            </button>
          </form>
        )}
        {role === 'gray' && (
          <button
            type="button"
            className="btn btn--primary btn--small"
            disabled={pending}
            onClick={() => void run(() => releaseVersion(appId, v.version, 100))}
            data-testid="release-full"
          >
            {t('devportal.raise')}
          </button>
        )}
        {role === 'rollback' && (
          <button
            type="button"
            className="btn btn--small dev-secondary"
            disabled={pending}
            onClick={() => void run(() => rollbackTo(appId, v.version))}
            data-testid="version-rollback"
          >
            {t('devportal.rollback')}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
