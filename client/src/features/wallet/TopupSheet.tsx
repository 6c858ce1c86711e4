import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/http';
import { AmountField } from './AmountField';
import { Sheet } from './Sheet';
import './wallet.css';
import { formatFen, MAX_INPUT_FEN, parseYuanToFen } from './money';
import { newIdempotencyKey, topup } from './wallet.api';
import { moneyErrorText } from './wallet.errors';
import { walletChanged } from './wallet.store';

interface TopupSheetProps {
  open: boolean;
  onClose: () => void;
}

/** Top up from the sandbox card: amount → pay with the card → done. */
export default function TopupSheet({ open, onClose }: TopupSheetProps) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [doneFen, setDoneFen] = useState<number | null>(null);
  /** One key per amount: a retry after a lost answer must not top up twice. */
  const key = useRef<{ amountFen: number; key: string } | null>(null);
  const amountFen = parseYuanToFen(amount) ?? 0;
  const valid = amountFen > 0 && amountFen <= MAX_INPUT_FEN;

  async function confirm(): Promise<void> {
    if (!valid || busy) return;
    if (key.current?.amountFen !== amountFen) key.current = { amountFen, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    try {
      walletChanged(await topup(amountFen, key.current.key));
      key.current = null;
      setDoneFen(amountFen);
    } catch (err) {
      setError(moneyErrorText(err, t));
      // Only a request that may not have arrived is worth repeating with the same key.
      if (!(err instanceof ApiError && (err.code === 'network' || err.code === 'unavailable'))) key.current = null;
    } finally {
      setBusy(false);
    }
  }

  if (doneFen !== null) {
    return (
      <Sheet open={open} title={t('wallet.topupTitle')} onClose={onClose} testId="topup-sheet" step="done">
        <div className="topup-done" data-testid="topup-done">
          <span className="topup-done__check" aria-hidden="true">
            ✓
          </span>
          <p className="topup-done__title">{t('wallet.topupDone')}</p>
          <p className="topup-done__amount">¥{formatFen(doneFen)}</p>
          <button type="button" className="btn btn--primary btn--block" onClick={onClose}>
            {t('wallet.done')}
          </button>
        </div>
      </Sheet>
    );
  }

  return (
    <Sheet open={open} title={t('wallet.topupTitle')} onClose={onClose} testId="topup-sheet" step="amount">
      <form
        className="money-form money-form--sheet"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <AmountField label={t('wallet.topupAmount')} value={amount} onChange={setAmount} testId="topup-amount" />
        {amountFen > MAX_INPUT_FEN && <p className="form-error">{t('wallet.topupMax')}</p>}
        <div className="sandbox-card" data-testid="sandbox-card">
          <span className="sandbox-card__chip" aria-hidden="true" />
          <span className="sandbox-card__name">{t('wallet.sandboxCard')}</span>
          <span className="sandbox-card__number">•••• 8888</span>
        </div>
        <p className="form-error" role="alert">
          {error}
        </p>
        <button
          type="submit"
          className="btn btn--primary btn--block"
          disabled={!valid || busy}
          data-testid="topup-confirm"
        >
          {busy ? (
            <span className="spinner" aria-hidden="true" />
          ) : (
            t('wallet.topupPay', { amount: formatFen(amountFen) })
          )}
        </button>
      </form>
    </Sheet>
  );
}
