import { useId } from 'react';
import { cleanAmountInput } from './money';

interface AmountFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  autoFocus?: boolean;
}

/** "¥ 0.00" in large type: digits and one dot, two decimals at most (the text is parsed to fen by the caller). */
export function AmountField({ label, value, onChange, testId, autoFocus = true }: AmountFieldProps) {
  const id = useId();
  return (
    <div className="amount-field">
      <label htmlFor={id} className="amount-field__label">
        {label}
      </label>
      <div className="amount-field__row">
        <span className="amount-field__currency" aria-hidden="true">
          ¥
        </span>
        <input
          id={id}
          className="amount-field__input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.00"
          autoFocus={autoFocus}
          value={value}
          data-testid={testId}
          onChange={(event) => onChange(cleanAmountInput(event.target.value, value))}
        />
      </div>
    </div>
  );
}
