import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../lib/http';
import { PinBoxes, PIN_LENGTH } from './PinBoxes';
import { SetPinFlow } from './SetPinFlow';
import { Sheet } from './Sheet';
import { formatFen } from './money';
import { moneyErrorText } from './wallet.errors';

export interface PinSheetProps {
  open: boolean;
  /** What the money is for: "Transfer to Bob", "Red packet". */
  purpose: string;
  amountFen: number;
  /** Spends with this PIN; rejects with the server's ApiError. The caller reuses one Idempotency-Key inside. */
  pay: (pin: string) => Promise<void>;
  onClose: () => void;
  /** Shown above the amount instead of `purpose` (the cashier: app and order description). */
  details?: ReactNode;
  /** Test ids for a caller that is not a plain spend (the cashier: `cashier-sheet`, `cashier-cancel`, `cashier-amount`). */
  testIds?: { sheet?: string; close?: string; amount?: string };
  title?: string;
}

type View = 'enter' | 'locked' | 'needPin' | 'setPin' | 'failed';

/**
 * "Enter payment PIN" for every spend: a wrong PIN shows the tries left in place and clears the boxes; a locked
 * wallet blocks with its own message; no PIN yet offers to set one right here and then comes back.
 */
export default function PinSheet(props: PinSheetProps) {
  const { open, purpose, amountFen, pay, onClose, details, testIds = {} } = props;
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [view, setView] = useState<View>('enter');

  async function submit(value: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await pay(value);
    } catch (err) {
      setPin('');
      const code = err instanceof ApiError ? err.code : null;
      setCode(code);
      setError(moneyErrorText(err, t));
      if (code === 'pin_locked') setView('locked');
      else if (code === 'pin_required') setView('needPin');
      else if (code !== 'pin_wrong') setView('failed');
    } finally {
      setBusy(false);
    }
  }

  function onChange(value: string): void {
    setPin(value);
    if (value.length === PIN_LENGTH && !busy) void submit(value);
  }

  if (view === 'setPin') {
    return (
      <SetPinFlow
        open={open}
        hasPin={false}
        onClose={onClose}
        onDone={() => {
          setError(null);
          setView('enter');
        }}
      />
    );
  }

  return (
    <Sheet
      open={open}
      title={props.title ?? t('wallet.pin.title')}
      onClose={onClose}
      testId={testIds.sheet ?? 'pin-sheet'}
      closeTestId={testIds.close}
      step={view}
    >
      <div className="pin-sheet">
        {details ?? <p className="pin-sheet__purpose">{purpose}</p>}
        <p className="pin-sheet__amount" data-testid={testIds.amount}>
          <span className="pin-sheet__currency">¥</span>
          {formatFen(amountFen)}
        </p>
        {view === 'enter' && (
          <>
            <PinBoxes value={pin} onChange={onChange} disabled={busy} />
            <p className="pin-sheet__error" role="alert" data-testid={error ? 'pin-error' : undefined}>
              {busy ? <span className="spinner" aria-label={t('wallet.pin.paying')} /> : error}
            </p>
          </>
        )}
        {view !== 'enter' && (
          <div className="pin-sheet__blocked">
            <p className="pin-sheet__message" role="alert" data-testid="pin-error" data-code={view}>
              {error}
            </p>
            {view === 'needPin' && (
              <button type="button" className="btn btn--primary btn--block" onClick={() => setView('setPin')}>
                {t('wallet.setPin')}
              </button>
            )}
            {view === 'failed' && code === 'insufficient_funds' && (
              <Link className="btn btn--primary btn--block" to="/me/wallet">
                {t('wallet.topup')}
              </Link>
            )}
            <button type="button" className="btn btn--block pin-sheet__dismiss" onClick={onClose}>
              {view === 'locked' ? t('wallet.pin.ok') : t('common.cancel')}
            </button>
          </div>
        )}
      </div>
    </Sheet>
  );
}
