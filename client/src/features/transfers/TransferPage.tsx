import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { Avatar } from '../../ui/Avatar';
import { PageHeader } from '../chat/PageHeader';
import { receiveMessages, useChat } from '../chat/chat.store';
import { AmountField } from '../wallet/AmountField';
import { MAX_INPUT_FEN, parseYuanToFen } from '../wallet/money';
import { newIdempotencyKey } from '../wallet/wallet.api';
import { createTransfer } from './transfers.api';
import { putTransfer } from './transfers.store';
import '../chat/conversation.css';
import '../wallet/wallet.css';

const PinSheet = lazy(() => import('../wallet/PinSheet'));

const MAX_NOTE = 50;

/** Transfer to the friend of a direct chat: amount, an optional note, then the payment PIN. */
export default function TransferPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const chat = useChat();
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  /** Set while the PIN sheet is up: the amount and note it pays, under one Idempotency-Key. */
  const [paying, setPaying] = useState<{ amountFen: number; note: string; key: string } | null>(null);
  const sent = useRef(false);
  const conversation = chat.conversations[id];
  const peer = conversation?.peer;

  if (chat.listLoaded && (!conversation || conversation.type !== 'direct' || !peer)) {
    return <Navigate to={`/chats/${id}`} replace />;
  }

  const amountFen = parseYuanToFen(amount) ?? 0;
  const tooMuch = amountFen > MAX_INPUT_FEN;
  const valid = amountFen > 0 && !tooMuch && !!peer;

  async function pay(pin: string): Promise<void> {
    if (!paying || !peer || sent.current) return;
    const trimmed = paying.note.trim();
    const result = await createTransfer(
      { toUserId: peer.id, amountFen: paying.amountFen, pin, ...(trimmed ? { note: trimmed } : {}) },
      paying.key,
    );
    sent.current = true;
    putTransfer(result.transfer);
    receiveMessages([result.message]);
    void navigate(`/chats/${id}`, { replace: true });
  }

  return (
    <div className="chat-page money-page">
      <PageHeader title={t('transfers.title')} back={`/chats/${id}`} />
      <div className="money-page__body">
        {peer && (
          <div className="money-page__peer">
            <Avatar seed={peer.id} name={peer.displayName} url={peer.avatarUrl} size={48} alt={peer.displayName} />
            <p className="money-page__peer-name">{t('transfers.toPeer', { name: peer.displayName })}</p>
          </div>
        )}
        <form
          className="money-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (valid) setPaying({ amountFen, note, key: newIdempotencyKey() });
          }}
        >
          <AmountField label={t('transfers.amount')} value={amount} onChange={setAmount} testId="transfer-amount" />
          {tooMuch && <p className="form-error">{t('transfers.max')}</p>}
          <label className="money-form__line">
            <span className="visually-hidden">{t('transfers.note')}</span>
            <input
              className="money-form__input"
              type="text"
              maxLength={MAX_NOTE}
              placeholder={t('transfers.notePlaceholder')}
              value={note}
              data-testid="transfer-note"
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
          <button type="submit" className="btn btn--primary btn--block" disabled={!valid} data-testid="transfer-submit">
            {t('transfers.submit')}
          </button>
        </form>
      </div>
      {paying && (
        <Suspense fallback={null}>
          <PinSheet
            open
            purpose={t('transfers.toPeer', { name: peer?.displayName ?? '' })}
            amountFen={paying.amountFen}
            pay={pay}
            onClose={() => setPaying(null)}
          />
        </Suspense>
      )}
    </div>
  );
}
