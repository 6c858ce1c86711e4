import type { Consent } from '@app/shared';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyDiscoverArt } from '../../ui/Icons';
import { PageHeader } from '../chat/PageHeader';
import { fetchConsents, revokeConsent } from './miniapps.api';
import '../chat/conversation.css';
import './miniapps.css';

/** Groups consents by app, keeping the server's order (by app name, then scope). */
function byApp(consents: Consent[]): Array<{ appId: string; appName: string; items: Consent[] }> {
  const groups = new Map<string, { appId: string; appName: string; items: Consent[] }>();
  for (const c of consents) {
    const group = groups.get(c.appId) ?? { appId: c.appId, appName: c.appName, items: [] };
    group.items.push(c);
    groups.set(c.appId, group);
  }
  return [...groups.values()];
}

/** Saves the list as a JSON file: what the person allowed or denied, to keep or to send to a data-protection office. */
function exportJson(consents: Consent[]): void {
  const blob = new Blob([JSON.stringify({ exportedAt: new Date().toISOString(), consents }, null, 2)], {
    type: 'application/json',
  });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'miniapp-permissions.json';
  link.click();
  URL.revokeObjectURL(link.href);
}

/** Me → Mini-program permissions: every scope each app was allowed or denied; remove one to be asked again. */
export default function PermissionsPage() {
  const { t } = useTranslation();
  const [consents, setConsents] = useState<Consent[] | null>(null);
  const [failed, setFailed] = useState(false);
  // Opened from a mini-program's capsule menu: back returns to that app, not to Me.
  const fromApp = (useLocation().state as { fromApp?: string } | null)?.fromApp;

  useEffect(() => {
    fetchConsents().then(setConsents, () => setFailed(true));
  }, []);

  async function revoke(c: Consent): Promise<void> {
    await revokeConsent(c.appId, c.scope);
    setConsents((list) => list?.filter((x) => !(x.appId === c.appId && x.scope === c.scope)) ?? null);
  }

  const exportButton = consents?.length ? (
    <button type="button" className="text-button" onClick={() => exportJson(consents)} data-testid="permissions-export">
      {t('permissions.export')}
    </button>
  ) : undefined;

  return (
    <div className="chat-page permissions-page">
      <PageHeader title={t('permissions.title')} back={fromApp ? undefined : '/me'} right={exportButton} />
      <div className="permissions-page__body">
        {consents === null &&
          (failed ? <p className="form-error">{t('errors.unknown')}</p> : <span className="spinner" />)}
        {consents?.length === 0 && (
          <EmptyState
            art={<EmptyDiscoverArt />}
            title={t('permissions.emptyTitle')}
            hint={t('permissions.emptyHint')}
          />
        )}
        {consents &&
          byApp(consents).map((group) => (
            <section key={group.appId} className="cell-group" data-testid="permissions-app" data-app-id={group.appId}>
              <h2 className="permissions-page__app">{group.appName}</h2>
              {group.items.map((c) => (
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
            </section>
          ))}
        <p className="permissions-page__hint">{t('permissions.hint')}</p>
      </div>
    </div>
  );
}
