import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextFieldDialog } from '../../ui/TextFieldDialog';

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

  return (
    <TextFieldDialog
      open
      title={title}
      value={value}
      onChange={setValue}
      error={error}
      pending={pending}
      submitLabel={t('common.save')}
      pendingLabel={t('common.saving')}
      onSubmit={() => void save()}
      onClose={onClose}
      maxLength={maxLength}
      rows={multiline ? 4 : undefined}
      readOnly={readOnly}
      submitDisabled={!multiline && !value.trim()}
      testIds={{ input: 'group-text-input', submit: 'confirm-ok' }}
    >
      {note && <p className="group-note">{note}</p>}
    </TextFieldDialog>
  );
}
