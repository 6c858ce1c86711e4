import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEntry } from '@app/shared';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyDiscoverArt } from '../../ui/Icons';
import { devErrorMessage } from '../devportal/devportal.errors';
import { fetchAudit } from './admin.api';

const ACTION_KEYS = {
  'version.approve': 'reviews.auditActions.approve',
  'version.reject': 'reviews.auditActions.reject',
  'app.suspend': 'reviews.auditActions.suspend',
  'app.resume': 'reviews.auditActions.resume',
} as const satisfies Record<AuditAction, string>;

/** The admin audit log, newest first, a page at a time. */
export function AuditLog() {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  useEffect(() => {
    fetchAudit().then(
      (page) => {
        setEntries(page.entries);
        setCursor(page.nextCursor);
      },
      (err: unknown) => setError(devErrorMessage(err, t)),
    );
  }, [t]);

  async function loadMore(): Promise<void> {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await fetchAudit(cursor);
      setEntries((list) => [...(list ?? []), ...page.entries]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(devErrorMessage(err, t));
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      {error && (
        <p className="form-error dev-page__error" role="alert">
          {error}
        </p>
      )}
      {entries === null && !error && <span className="spinner" />}
      {entries?.length === 0 && (
        <EmptyState art={<EmptyDiscoverArt />} title={t('reviews.auditEmpty')} hint={t('reviews.auditEmptyHint')} />
      )}
      {entries && entries.length > 0 && (
        <div className="cell-group">
          {entries.map((entry) => (
            <div
              key={entry.id}
              className="dev-version"
              data-testid="audit-row"
              data-action={entry.action}
              data-target-id={entry.targetId}
            >
              <div className="dev-version__head">
                <span className="dev-version__number">{t(ACTION_KEYS[entry.action])}</span>
                <span className="dev-badge">{entry.targetId}</span>
              </div>
              <p className="dev-version__meta">
                {t('reviews.auditBy', { admin: entry.adminName, time: time.format(new Date(entry.createdAt)) })}
              </p>
              {entry.reason && (
                <p className="dev-version__meta" data-testid="audit-reason">
                  {t('reviews.auditReason', { reason: entry.reason })}
                </p>
              )}
            </div>
          ))}
        </div>
      )}
      {cursor && (
        <div className="admin-more">
          <button
            type="button"
            className="btn btn--small dev-secondary"
            disabled={loading}
            onClick={() => void loadMore()}
          >
            {t('wallet.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
