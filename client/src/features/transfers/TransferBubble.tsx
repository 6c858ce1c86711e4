import type { Message, TransferStatus } from '@app/shared';
import type { TFunction } from 'i18next';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameOf, type NameBook } from '../chat/chat.format';
import { formatFen } from '../wallet/money';
import { TransferBodySchema } from '@app/shared';
import { useTransfer } from './transfers.store';
import '../wallet/money-bubble.css';
import './transfers.css';

const TransferSheet = lazy(() => import('./TransferSheet'));

interface TransferBubbleProps {
  message: Message;
  me: string;
  book: NameBook;
}

/** The orange transfer card: amount, note, and where it stands (live through `transfer:updated`). */
export function TransferBubble({ message, me, book }: TransferBubbleProps) {
  const { t } = useTranslation();
  const body = TransferBodySchema.safeParse(message.body);
  const transfer = useTransfer(body.success ? body.data.transferId : null);
  const [open, setOpen] = useState(false);
  if (!body.success) return <div className="bubble">{t('chats.unsupported')}</div>;

  const mine = message.senderId === me;
  // The other person: the recipient of what I sent, the sender of what I got.
  const peerId = mine ? transfer?.toUserId : message.senderId;
  const peerName = peerId ? nameOf(book, peerId, t) : '';
  const status: TransferStatus | 'loading' = transfer?.status ?? 'loading';
  const note =
    body.data.note || (!mine ? t('transfers.toYou') : peerName ? t('transfers.toPeer', { name: peerName }) : '');
  return (
    <>
      <button
        type="button"
        className={`bubble money-bubble money-bubble--transfer ${status !== 'pending' && status !== 'loading' ? 'money-bubble--done' : ''}`}
        data-testid="bubble-transfer"
        data-status={status}
        data-transfer-id={body.data.transferId}
        onClick={() => setOpen(true)}
      >
        <span className="money-bubble__main">
          <TransferGlyph status={status} />
          <span className="money-bubble__text">
            <span className="money-bubble__amount">¥{formatFen(body.data.amountFen)}</span>
            <span className="money-bubble__note">{note}</span>
          </span>
        </span>
        <span className="money-bubble__foot" data-testid="transfer-state">
          {status === 'loading' ? t('transfers.label') : statusText(status, mine, t)}
        </span>
      </button>
      {open && transfer && (
        <Suspense fallback={null}>
          <TransferSheet transfer={transfer} me={me} peerName={peerName} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

export function statusText(status: TransferStatus, mine: boolean, t: TFunction): string {
  switch (status) {
    case 'pending':
      return mine ? t('transfers.status.awaiting') : t('transfers.status.tapToAccept');
    case 'accepted':
      return t('transfers.status.accepted');
    case 'declined':
      return t('transfers.status.declined');
    case 'expired':
      return t('transfers.status.returned');
  }
}

function TransferGlyph({ status }: { status: TransferStatus | 'loading' }) {
  const done = status === 'accepted';
  return (
    <svg className="money-bubble__icon" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">
      <circle cx="20" cy="20" r="18" fill="none" stroke="#fff" strokeWidth="2" />
      {done ? (
        <path d="M12 20.5l5.5 5.5L29 14.5" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      ) : (
        <path
          d="M12 16h16l-5-5M28 24H12l5 5"
          fill="none"
          stroke="#fff"
          strokeWidth="2.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      )}
    </svg>
  );
}
