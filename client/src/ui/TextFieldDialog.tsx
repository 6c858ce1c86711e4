import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export interface TextFieldDialogProps {
  open: boolean;
  title: string;
  /** A visible label above the field; without one the title labels it for screen readers. */
  label?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  maxLength: number;
  /** Rows of a textarea; a single-line input when absent. */
  rows?: number;
  readOnly?: boolean;
  submitDisabled?: boolean;
  autoComplete?: string;
  inputClassName?: string;
  testIds: { input: string; submit: string; error?: string };
  /** Extra content under the field (a hint, a note). */
  children?: ReactNode;
}

/** A dialog that edits one text: the field, its error line, Cancel and a submit button (Enter submits a line). */
export function TextFieldDialog(props: TextFieldDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const inputId = useId();
  const field = {
    id: inputId,
    className: `dialog__input ${props.inputClassName ?? ''}`.trim(),
    value: props.value,
    maxLength: props.maxLength,
    readOnly: props.readOnly,
    autoComplete: props.autoComplete,
    'aria-invalid': props.error ? true : undefined,
    'data-testid': props.testIds.input,
    onChange: (event: { target: { value: string } }) => props.onChange(event.target.value),
  };
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onClose={props.onClose}
      actions={
        <>
          <button type="button" className="dialog__action" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          {!props.readOnly && (
            <button
              type="submit"
              form={formId}
              className="dialog__action dialog__action--primary"
              disabled={props.pending || props.submitDisabled}
              data-testid={props.testIds.submit}
            >
              {props.pending ? props.pendingLabel : props.submitLabel}
            </button>
          )}
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!props.pending && !props.readOnly) props.onSubmit();
        }}
      >
        <label className={props.label ? 'dialog__label' : 'visually-hidden'} htmlFor={inputId}>
          {props.label ?? props.title}
        </label>
        {props.rows ? <textarea rows={props.rows} {...field} /> : <input {...field} />}
        {props.children}
        <p className="form-error" role="alert" data-testid={props.error ? props.testIds.error : undefined}>
          {props.error}
        </p>
      </form>
    </Dialog>
  );
}
