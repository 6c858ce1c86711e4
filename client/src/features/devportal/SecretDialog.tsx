import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';

interface SecretDialogProps {
  /** The secret to show, or null when the dialog is closed. */
  secret: string | null;
  onDone: () => void;
}

/** Shows an app secret the one time the server reveals it, with a copy button and a warning. */
export function SecretDialog({ secret, onDone }: SecretDialogProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);

  async function copy(): Promise<void> {
    if (!secret) return;
    await navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  function done(): void {
    setCopied(false);
    onDone();
  }

  return (
    <Dialog
      open={secret !== null}
      title={t('devportal.secretTitle')}
      onClose={done}
      actions={
        <>
          <button type="button" className="dialog__action" onClick={() => void copy()} data-testid="secret-copy">
            {copied ? t('devportal.copied') : t('devportal.copy')}
          </button>
          <button
            type="button"
            className="dialog__action dialog__action--primary"
            onClick={done}
            data-testid="secret-done"
          >
            {t('devportal.done')}
          </button>
        </>
      }
    >
      <code className="dev-secret" data-testid="app-secret">
        {secret}
      </code>
      <p className="dev-secret__warning" role="note">
        {t('devportal.secretWarning')}
      </p>
    </Dialog>
  );
}
