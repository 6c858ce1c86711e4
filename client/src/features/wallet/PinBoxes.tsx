import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface PinBoxesProps {
  value: string;
  onChange: (pin: string) => void;
  disabled?: boolean;
}

const LENGTH = 6;

/**
 * Six boxes over one real numeric input (the phone shows its digit keyboard; paste and autofill work). The input
 * covers the boxes, transparent, so a tap anywhere on them focuses it.
 */
export function PinBoxes({ value, onChange, disabled = false }: PinBoxesProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!disabled) input.current?.focus();
  }, [disabled]);

  return (
    <div className="pin-boxes">
      <input
        ref={input}
        className="pin-boxes__input"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={LENGTH}
        value={value}
        disabled={disabled}
        aria-label={t('wallet.pin.label')}
        data-testid="pin-input"
        onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, LENGTH))}
      />
      {Array.from({ length: LENGTH }, (_, i) => (
        <span key={i} className={`pin-boxes__box ${i === value.length ? 'pin-boxes__box--caret' : ''}`}>
          {i < value.length ? '●' : ''}
        </span>
      ))}
    </div>
  );
}

export const PIN_LENGTH = LENGTH;
