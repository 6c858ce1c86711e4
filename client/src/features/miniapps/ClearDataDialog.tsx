import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmActions, Dialog } from '../../ui/Dialog';

interface ClearDataDialogProps {
  appName: string;
  /** Clears the data; a rejection keeps the dialog open with an error. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** "Clear data" on Me → Mini-program permissions: confirmed, because it cannot be undone. */
export function ClearDataDialog({ appName, onConfirm, onClose }: ClearDataDialogProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function confirm(): Promise<void> {
    setPending(true);
    setFailed(false);
    try {
      await onConfirm();
      onClose();
    } catch {
      setFailed(true);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open
      title={t('permissions.clearTitle', { name: appName })}
      onClose={onClose}
      testId="clear-data-dialog"
      actions={
        <ConfirmActions
          label={t('permissions.clearConfirm')}
          tone="danger"
          disabled={pending}
          onConfirm={() => void confirm()}
          onCancel={onClose}
          testId="clear-data-confirm"
          cancelTestId="clear-data-cancel"
        />
      }
    >
      <p>{t('permissions.clearBody', { name: appName })}</p>
      {failed && (
        <p className="form-error" role="alert" data-testid="clear-data-error">
          {t('permissions.clearFailed')}
        </p>
      )}
    </Dialog>
  );
}
