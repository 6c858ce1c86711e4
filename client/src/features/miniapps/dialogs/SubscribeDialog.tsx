import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmActions, Dialog } from '../../../ui/Dialog';

export type SubscribeResults = Record<string, 'accept' | 'reject'>;

interface SubscribeDialogProps {
  appName: string;
  templateIds: readonly string[];
  /** null: dismissed (every template rejected, nothing stored). */
  onDone: (results: SubscribeResults | null) => void;
}

/** subscribe.request: one switch per template; each accept lets the app send one service notification later. */
export function SubscribeDialog({ appName, templateIds, onDone }: SubscribeDialogProps) {
  const { t } = useTranslation();
  const [on, setOn] = useState<Record<string, boolean>>(() => Object.fromEntries(templateIds.map((id) => [id, true])));
  const results = (): SubscribeResults =>
    Object.fromEntries(templateIds.map((id) => [id, on[id] ? 'accept' : 'reject'] as const));

  return (
    <Dialog
      open
      title={t('miniapp.subscribe.title')}
      onClose={() => onDone(null)}
      testId="subscribe-dialog"
      className="host-dialog"
      actions={
        <ConfirmActions
          label={t('miniapp.subscribe.confirm')}
          onConfirm={() => onDone(results())}
          onCancel={() => onDone(null)}
          testId="subscribe-confirm"
          cancelTestId="subscribe-cancel"
        />
      }
    >
      <p className="host-dialog__lead">{t('miniapp.subscribe.body', { name: appName })}</p>
      <ul className="subscribe-list">
        {templateIds.map((id) => (
          <li key={id} className="subscribe-list__row" data-testid="subscribe-template" data-template-id={id}>
            <label className="subscribe-list__label">
              <span className="subscribe-list__name">{t('miniapp.subscribe.template', { id })}</span>
              <input
                type="checkbox"
                role="switch"
                className="switch"
                checked={!!on[id]}
                onChange={(event) => setOn((prev) => ({ ...prev, [id]: event.target.checked }))}
              />
            </label>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
