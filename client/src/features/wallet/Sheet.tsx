import { useId, type ReactNode } from 'react';
import { useModal } from '../../ui/use-modal';
import { useTranslation } from 'react-i18next';
import './sheet.css';

interface SheetProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  /** Extra attributes for tests and styling (the step of a flow). */
  step?: string;
  /** Test id of the × button. */
  closeTestId?: string;
}

/**
 * A bottom sheet (WeChat Pay's PIN and amount panels) on the native modal <dialog>: focus trap, Esc and backdrop
 * close it. The caller owns `open`.
 */
export function Sheet({ open, title, onClose, children, testId, step, closeTestId }: SheetProps) {
  const { t } = useTranslation();
  const modal = useModal(open, onClose);
  const titleId = useId();

  return (
    <dialog {...modal} className="sheet" aria-labelledby={titleId} data-testid={testId} data-step={step}>
      {open && (
        <div className="sheet__panel">
          <header className="sheet__head">
            <button
              type="button"
              className="sheet__close"
              aria-label={t('common.cancel')}
              onClick={onClose}
              data-testid={closeTestId}
            >
              ×
            </button>
            <h2 id={titleId} className="sheet__title">
              {title}
            </h2>
          </header>
          {children}
        </div>
      )}
    </dialog>
  );
}
