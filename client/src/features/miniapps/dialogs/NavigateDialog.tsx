import { useTranslation } from 'react-i18next';
import { ConfirmActions, Dialog } from '../../../ui/Dialog';

interface NavigateDialogProps {
  fromName: string;
  onAnswer: (open: boolean) => void;
}

/** navigate.toMiniProgram: the person confirms leaving this app for another one. */
export function NavigateDialog({ fromName, onAnswer }: NavigateDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      title={t('miniapp.navigate.title')}
      onClose={() => onAnswer(false)}
      testId="navigate-dialog"
      actions={
        <ConfirmActions
          label={t('miniapp.navigate.confirm')}
          onConfirm={() => onAnswer(true)}
          onCancel={() => onAnswer(false)}
          testId="navigate-confirm"
          cancelTestId="navigate-cancel"
        />
      }
    >
      {t('miniapp.navigate.body', { name: fromName })}
    </Dialog>
  );
}
