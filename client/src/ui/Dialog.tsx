import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useModal } from './use-modal';
import './dialog.css';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children?: ReactNode;
  /** The buttons row (WeChat-style: equal columns separated by hairlines). */
  actions: ReactNode;
  testId?: string;
  /** Extra `data-*` attributes on the dialog (what a test or style keys on). */
  data?: Record<`data-${string}`, string>;
  className?: string;
}

/**
 * A modal built on the native <dialog>: focus is trapped and restored and Esc closes it, for free.
 * The caller owns `open`; Esc and backdrop clicks call onClose.
 */
export function Dialog({ open, title, onClose, children, actions, testId, data, className }: DialogProps) {
  const modal = useModal(open, onClose);
  const titleId = useId();

  return (
    <dialog
      {...modal}
      {...data}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      {open && (
        <div className="dialog__panel">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {children && <div className="dialog__body">{children}</div>}
          <div className="dialog__actions">{actions}</div>
        </div>
      )}
    </dialog>
  );
}

interface ConfirmActionsProps {
  label: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Red for what cannot be undone (leave, remove, log out); green otherwise. */
  tone?: 'primary' | 'danger';
  disabled?: boolean;
  testId?: string;
  cancelTestId?: string;
}

/** The usual actions row of a confirmation: Cancel, then the action. */
export function ConfirmActions({
  label,
  onConfirm,
  onCancel,
  tone = 'primary',
  disabled,
  testId = 'confirm-ok',
  cancelTestId,
}: ConfirmActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="dialog__action" onClick={onCancel} data-testid={cancelTestId}>
        {t('common.cancel')}
      </button>
      <button
        type="button"
        className={`dialog__action dialog__action--${tone}`}
        disabled={disabled}
        data-testid={testId}
        onClick={onConfirm}
      >
        {label}
      </button>
    </>
  );
}
