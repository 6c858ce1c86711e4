import type { Transfer } from '@app/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Sheet } from '../wallet/Sheet';
import { formatFen } from '../wallet/money';
import { moneyErrorText } from '../wallet/wallet.errors';
import { statusText } from './TransferBubble';
import { settleTransfer } from './transfers.api';
import { putTransfer } from './transfers.store';

interface TransferSheetProps {
  transfer: Transfer;
  me: string;
  peerName: string;
  onClose: () => void;
}

/** A transfer's detail; the recipient of a pending one accepts or declines it here. */
export default function TransferSheet({ transfer, me, peerName, onClose }: TransferSheetProps) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = transfer.fromUserId === me;
  const canSettle = !mine && transfer.toUserId === me && transfer.status === 'pending';

  async function settle(outcome: 'accept' | 'decline'): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      putTransfer(await settleTransfer(transfer.id, outcome));
      onClose();
    } catch (err) {
      setError(moneyErrorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const time = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <Sheet open title={t('transfers.label')} onClose={onClose} testId="transfer-sheet" step={transfer.status}>
      <div className={`transfer-sheet transfer-sheet--${transfer.status}`}>
        <span className="transfer-sheet__icon" aria-hidden="true">
          {transfer.status === 'accepted' ? '✓' : transfer.status === 'pending' ? '¥' : '↺'}
        </span>
        <p className="transfer-sheet__status" data-testid="transfer-sheet-status">
          {mine && transfer.status === 'pending'
            ? t('transfers.waitingFor', { name: peerName })
            : statusText(transfer.status, mine, t)}
        </p>
        <p className="transfer-sheet__amount">¥{formatFen(transfer.amountFen)}</p>
        {transfer.note && <p className="transfer-sheet__note">{transfer.note}</p>}
        <p className="transfer-sheet__time">
          {transfer.status === 'pending'
            ? t('transfers.expiresAt', { time: time(transfer.expiresAt) })
            : t('transfers.sentAt', { time: time(transfer.createdAt) })}
        </p>
        <p className="form-error" role="alert">
          {error}
        </p>
        {canSettle && (
          <div className="transfer-sheet__actions">
            <button
              type="button"
              className="btn btn--primary btn--block"
              disabled={busy}
              data-testid="transfer-accept"
              onClick={() => void settle('accept')}
            >
              {t('transfers.accept')}
            </button>
            <button
              type="button"
              className="link-button"
              disabled={busy}
              data-testid="transfer-decline"
              onClick={() => void settle('decline')}
            >
              {t('transfers.decline')}
            </button>
          </div>
        )}
      </div>
    </Sheet>
  );
}
