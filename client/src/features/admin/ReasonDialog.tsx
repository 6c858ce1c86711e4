import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextFieldDialog } from '../../ui/TextFieldDialog';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  label: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** Runs the action with the trimmed reason; resolves true when it worked (the dialog then closes). */
  onSubmit: (reason: string) => Promise<boolean>;
  onClose: () => void;
  testIds: { input: string; submit: string; error: string };
  children?: ReactNode;
}

/** An admin action that needs a reason the other side will read (reject a version, suspend an app): required, ≤ 500. */
export function ReasonDialog({ onSubmit, onClose, ...props }: ReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  function close(): void {
    setReason('');
    setError(null);
    onClose();
  }

  async function submit(): Promise<void> {
    const why = reason.trim();
    if (!why) return setError(t('reviews.reasonRequired'));
    if (await onSubmit(why)) close();
  }

  return (
    <TextFieldDialog
      {...props}
      value={reason}
      onChange={(value) => {
        setReason(value);
        setError(null);
      }}
      error={error}
      onSubmit={() => void submit()}
      onClose={close}
      maxLength={500}
      rows={3}
    />
  );
}
