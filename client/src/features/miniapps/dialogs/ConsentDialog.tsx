import type { MiniApp, Scope } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../ui/Dialog';
import { AppBadge } from './AppBadge';

interface ConsentDialogProps {
  app: MiniApp;
  scope: Scope;
  /** true = Allow, false = Deny, null = dismissed (Esc, backdrop). */
  onAnswer: (granted: boolean | null) => void;
}

/** "<App> asks for your nickname and avatar": drawn by the host, answered once and stored. */
export function ConsentDialog({ app, scope, onAnswer }: ConsentDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      title={t('miniapp.consent.title')}
      onClose={() => onAnswer(null)}
      testId="consent-dialog"
      data={{ 'data-scope': scope }}
      className="host-dialog"
      actions={
        <>
          <button type="button" className="dialog__action" onClick={() => onAnswer(false)} data-testid="consent-deny">
            {t('miniapp.consent.deny')}
          </button>
          <button
            type="button"
            className="dialog__action dialog__action--primary"
            onClick={() => onAnswer(true)}
            data-testid="consent-allow"
          >
            {t('miniapp.consent.allow')}
          </button>
        </>
      }
    >
      <AppBadge appId={app.appId} name={app.name} iconUrl={app.iconUrl} />
      <p className="host-dialog__lead">{t('miniapp.consent.asks', { name: app.name })}</p>
      <p className="host-dialog__scope">{t(`permissions.scopes.${scope}`)}</p>
      <p className="host-dialog__hint">{t(`miniapp.consent.explain.${scope}`)}</p>
    </Dialog>
  );
}
