import { localized, type SubscribeTemplate } from '@app/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmActions, Dialog } from '../../../ui/Dialog';

export type SubscribeResults = Record<string, 'accept' | 'reject'>;

interface SubscribeDialogProps {
  appName: string;
  /** The templates asked for, as the version's manifest declares them (reviewed with the package). */
  templates: readonly SubscribeTemplate[];
  /** null: dismissed (every template rejected, nothing stored). */
  onDone: (results: SubscribeResults | null) => void;
}

/**
 * subscribe.request: one switch per template, with the title and text the app declared in the person's language;
 * each accept lets the app send one service notification later.
 */
export function SubscribeDialog({ appName, templates, onDone }: SubscribeDialogProps) {
  const { t, i18n } = useTranslation();
  const [on, setOn] = useState<Record<string, boolean>>(() => Object.fromEntries(templates.map((tp) => [tp.id, true])));
  const results = (): SubscribeResults =>
    Object.fromEntries(templates.map((tp) => [tp.id, on[tp.id] ? 'accept' : 'reject'] as const));

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
        {templates.map((tp) => (
          <li key={tp.id} className="subscribe-list__row" data-testid="subscribe-template" data-template-id={tp.id}>
            <label className="subscribe-list__label">
              <span className="subscribe-list__text">
                <span className="subscribe-list__name">{localized(tp.title, i18n.language)}</span>
                <span className="subscribe-list__hint">{localized(tp.text, i18n.language)}</span>
              </span>
              <input
                type="checkbox"
                role="switch"
                className="switch"
                checked={!!on[tp.id]}
                onChange={(event) => setOn((prev) => ({ ...prev, [tp.id]: event.target.checked }))}
              />
            </label>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
