import { DisplayNameSchema } from '@app/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextFieldDialog } from '../../ui/TextFieldDialog';
import { formErrorMessage } from '../auth/auth.errors';
import { saveDisplayName } from './me.actions';

interface EditNameDialogProps {
  open: boolean;
  current: string;
  onClose: () => void;
}

export function EditNameDialog({ open, current, onClose }: EditNameDialogProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // Start from the saved name each time the dialog opens (adjusting state during render, not in an effect).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setValue(current);
      setError(null);
    }
  }

  async function onSubmit(): Promise<void> {
    const parsed = DisplayNameSchema.safeParse(value);
    if (!parsed.success) {
      setError(t('auth.hints.displayName'));
      return;
    }
    if (parsed.data === current) {
      onClose();
      return;
    }
    setPending(true);
    try {
      await saveDisplayName(parsed.data);
      onClose();
    } catch (err) {
      setError(formErrorMessage(err, t));
    } finally {
      setPending(false);
    }
  }

  return (
    <TextFieldDialog
      open={open}
      title={t('me.editName')}
      value={value}
      onChange={(next) => {
        setValue(next);
        setError(null);
      }}
      error={error}
      pending={pending}
      submitLabel={t('common.save')}
      pendingLabel={t('common.saving')}
      onSubmit={() => void onSubmit()}
      onClose={onClose}
      maxLength={40}
      autoComplete="nickname"
      testIds={{ input: 'displayname-input', submit: 'displayname-save' }}
    />
  );
}
