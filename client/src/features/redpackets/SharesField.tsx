import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface SharesFieldProps {
  value: string;
  onChange: (value: string) => void;
  max: number;
  members: number;
}

/** "Number of red packets": whole numbers only, with the group size as the hint. */
export function SharesField({ value, onChange, max, members }: SharesFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="money-form__row">
      <label htmlFor={id} className="money-form__label">
        {t('redpackets.shares')}
      </label>
      <input
        id={id}
        className="money-form__number"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('redpackets.sharesPlaceholder')}
        value={value}
        max={max}
        data-testid="redpacket-shares"
        onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 3))}
      />
      <p className="money-form__hint">{t('redpackets.membersHint', { count: members })}</p>
    </div>
  );
}
