import type { Consent, StoredAppData } from '@app/shared';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyDiscoverArt } from '../../ui/Icons';
import { useMe } from '../auth/session.store';
import { PageHeader } from '../chat/PageHeader';
import { ClearDataDialog } from './ClearDataDialog';
import { deviceKeys } from './host/device-keys';
import { fetchConsents, revokeConsent } from './miniapps.api';
import { byApp, exportJson, formatBytes } from './permissions.model';
import { clearStoredData, fetchStoredData } from './storage.api';
import '../chat/conversation.css';
import './miniapps.css';

/**
 * Me → Mini-program permissions: every scope each app was allowed or denied (remove one to be asked again), and
 * what each app keeps for the person ("Clear data" forgets it, and this device's key for the app).
 */
export default function PermissionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [consents, setConsents] = useState<Consent[] | null>(null);
  const [stored, setStored] = useState<StoredAppData[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [clearing, setClearing] = useState<StoredAppData | null>(null);
  // Opened from a mini-program's capsule menu: back returns to that app, not to Me.
  const fromApp = (useLocation().state as { fromApp?: string } | null)?.fromApp;

  useEffect(() => {
    Promise.all([fetchConsents(), fetchStoredData()]).then(
      ([c, s]) => {
        setConsents(c);
        setStored(s);
      },
      () => setFailed(true),
    );
  }, []);

  async function revoke(c: Consent): Promise<void> {
    await revokeConsent(c.appId, c.scope);
    setConsents((list) => list?.filter((x) => !(x.appId === c.appId && x.scope === c.scope)) ?? null);
  }

  async function clear(appId: string): Promise<void> {
    await clearStoredData(appId);
    await deviceKeys().forget(me.id, appId);
    setStored((list) => list?.filter((s) => s.appId !== appId) ?? null);
  }

  const loaded = consents && stored ? { consents, stored } : null;
  const apps = loaded ? byApp(loaded.consents, loaded.stored) : [];
  const exportButton = apps.length ? (
    <button
      type="button"
      className="text-button"
      onClick={() => loaded && exportJson(loaded.consents, loaded.stored)}
      data-testid="permissions-export"
    >
      {t('permissions.export')}
    </button>
  ) : undefined;

  return (
    <div className="chat-page permissions-page">
      <PageHeader title={t('permissions.title')} back={fromApp ? undefined : '/me'} right={exportButton} />
      <div className="permissions-page__body">
        {!loaded && (failed ? <p className="form-error">{t('errors.unknown')}</p> : <span className="spinner" />)}
        {loaded && apps.length === 0 && (
          <EmptyState
            art={<EmptyDiscoverArt />}
            title={t('permissions.emptyTitle')}
            hint={t('permissions.emptyHint')}
          />
        )}
        {apps.map((group) => (
          <section key={group.appId} className="cell-group" data-testid="permissions-app" data-app-id={group.appId}>
            <h2 className="permissions-page__app">{group.appName}</h2>
            {group.consents.map((c) => (
              <div
                key={c.scope}
                className="cell"
                data-testid="permission"
                data-scope={c.scope}
                data-granted={c.granted}
              >
                <span className="cell__label">{t(`permissions.scopes.${c.scope}`)}</span>
                <span className={`cell__value ${c.granted ? '' : 'permission--denied'}`}>
                  {t(c.granted ? 'permissions.allowed' : 'permissions.denied')}
                </span>
                <button
                  type="button"
                  className="text-button"
                  onClick={() => void revoke(c)}
                  data-testid="permission-revoke"
                >
                  {t('permissions.remove')}
                </button>
              </div>
            ))}
            {group.stored && <StoredDataRow stored={group.stored} onClear={() => setClearing(group.stored)} />}
          </section>
        ))}
        <p className="permissions-page__hint">{t('permissions.hint')}</p>
      </div>
      {clearing && (
        <ClearDataDialog
          appName={clearing.appName}
          onConfirm={() => clear(clearing.appId)}
          onClose={() => setClearing(null)}
        />
      )}
    </div>
  );
}

function StoredDataRow({ stored, onClear }: { stored: StoredAppData; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="cell" data-testid="stored-data" data-keys={stored.keys.length}>
      <span className="cell__label">{t('permissions.storedData')}</span>
      <span className="cell__value">
        {t('permissions.storedItems', { count: stored.keys.length })} · {formatBytes(stored.bytes)}
      </span>
      <button
        type="button"
        className="text-button text-button--danger"
        onClick={onClear}
        data-testid="stored-data-clear"
      >
        {t('permissions.clearData')}
      </button>
    </div>
  );
}
