import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/http';
import { PinBoxes, PIN_LENGTH } from './PinBoxes';
import { Sheet } from './Sheet';
import { setPin } from './wallet.api';
import { moneyErrorText } from './wallet.errors';

interface SetPinFlowProps {
  open: boolean;
  /** Changing an existing PIN asks for the current one first. */
  hasPin: boolean;
  onClose: () => void;
  onDone: () => void;
}

type Step = 'current' | 'new' | 'confirm';

/** Set (new → confirm) or change (current → new → confirm) the 6-digit payment PIN. */
export function SetPinFlow({ open, hasPin, onClose, onDone }: SetPinFlowProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>(hasPin ? 'current' : 'new');
  const [current, setCurrent] = useState('');
  const [first, setFirst] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(pin: string): Promise<void> {
    setBusy(true);
    try {
      await setPin(hasPin ? { pin, currentPin: current } : { pin });
      onDone();
    } catch (err) {
      setError(moneyErrorText(err, t));
      // A wrong current PIN sends the user back to it; anything else lets them try the new PIN again.
      const back = err instanceof ApiError && (err.code === 'pin_wrong' || err.code === 'pin_locked');
      setStep(back ? 'current' : 'new');
    } finally {
      setBusy(false);
      setValue('');
    }
  }

  function onChange(pin: string): void {
    setValue(pin);
    if (pin.length < PIN_LENGTH) return;
    setError(null);
    if (step === 'current') {
      setCurrent(pin);
      setStep('new');
      setValue('');
    } else if (step === 'new') {
      setFirst(pin);
      setStep('confirm');
      setValue('');
    } else if (pin !== first) {
      setError(t('wallet.pin.mismatch'));
      setStep('new');
      setValue('');
    } else {
      void save(pin);
    }
  }

  const title = hasPin ? t('wallet.changePin') : t('wallet.setPin');
  const prompt =
    step === 'current' ? t('wallet.pin.current') : step === 'new' ? t('wallet.pin.new') : t('wallet.pin.confirm');
  return (
    <Sheet open={open} title={title} onClose={onClose} testId="set-pin-sheet" step={step}>
      <div className="pin-sheet">
        <p className="pin-sheet__purpose" data-testid="pin-step">
          {prompt}
        </p>
        <PinBoxes key={step} value={value} onChange={onChange} disabled={busy} />
        <p className="pin-sheet__error" role="alert" data-testid={error ? 'pin-error' : undefined}>
          {busy ? <span className="spinner" aria-hidden="true" /> : error}
        </p>
      </div>
    </Sheet>
  );
}
