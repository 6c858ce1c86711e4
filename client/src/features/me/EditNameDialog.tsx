import { DisplayNameSchema } from '@app/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { formErrorMessage } from '../auth/auth.errors';
import { saveDisplayName } from './me.actions';

interface EditNameDialogProps {
  open: boolean;
  current: string;
  onClose: () => void;
}

export function EditNameDialog({ open, current, onClose }: EditNameDialogProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const formId = useId();
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

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
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
    <Dialog
      open={open}
      title={t('me.editName')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="dialog__action" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form={formId}
            className="dialog__action dialog__action--primary"
            disabled={pending}
            data-testid="displayname-save"
          >
            {pending ? t('common.saving') : t('common.save')}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(event) => void onSubmit(event)} noValidate>
        <label className="visually-hidden" htmlFor={inputId}>
          {t('me.name')}
        </label>
        <input
          id={inputId}
          className="dialog__input"
          value={value}
          maxLength={40}
          autoComplete="nickname"
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          data-testid="displayname-input"
        />
        <p className="form-error" role="alert">
          {error}
        </p>
      </form>
    </Dialog>
  );
}
