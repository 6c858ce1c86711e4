import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';

interface GroupTextDialogProps {
  title: string;
  initial: string;
  multiline?: boolean;
  maxLength: number;
  readOnly?: boolean;
  note?: string;
  onSave: (value: string) => Promise<void>;
  onClose: () => void;
}

/** Edit one text (group name, announcement); mounted only while open, so it starts from the saved value. */
export function GroupTextDialog({
  title,
  initial,
  multiline,
  maxLength,
  readOnly,
  note,
  onSave,
  onClose,
}: GroupTextDialogProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(): Promise<void> {
    setPending(true);
    try {
      await onSave(value.trim());
      onClose();
    } catch {
      setError(t('errors.unknown'));
      setPending(false);
    }
  }

  const props = {
    className: 'dialog__input',
    value,
    maxLength,
    readOnly,
    'aria-label': title,
    'data-testid': 'group-text-input',
    onChange: (event: { target: { value: string } }) => setValue(event.target.value),
  };
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="dialog__action" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {!readOnly && (
            <button
              type="button"
              className="dialog__action dialog__action--primary"
              disabled={pending || (!multiline && !value.trim())}
              data-testid="confirm-ok"
              onClick={() => void save()}
            >
              {pending ? t('common.saving') : t('common.save')}
            </button>
          )}
        </>
      }
    >
      {multiline ? <textarea rows={4} {...props} /> : <input {...props} />}
      {note && <p className="group-note">{note}</p>}
      <p className="form-error" role="alert">
        {error}
      </p>
    </Dialog>
  );
}
