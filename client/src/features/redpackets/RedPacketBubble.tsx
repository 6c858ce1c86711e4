import type { Message } from '@app/shared';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NameBook } from '../chat/chat.format';
import { RedPacketBodySchema } from '@app/shared';
import { bubbleState, useRedPacket } from './redpackets.store';
import '../wallet/money-bubble.css';
import './redpackets.css';

const RedPacketOverlay = lazy(() => import('./RedPacketOverlay'));

interface RedPacketBubbleProps {
  message: Message;
  me: string;
  book: NameBook;
  senderName: string;
}

/** The red packet card with its greeting; faded once I opened it or nothing is left to open. */
export function RedPacketBubble({ message, me, book, senderName }: RedPacketBubbleProps) {
  const { t } = useTranslation();
  const body = RedPacketBodySchema.safeParse(message.body);
  const detail = useRedPacket(body.success ? body.data.packetId : null);
  const [open, setOpen] = useState(false);
  if (!body.success) return <div className="bubble">{t('chats.unsupported')}</div>;

  const state = bubbleState(detail);
  const faded = state === 'opened' || state === 'finished' || state === 'expired';
  // A 1:1 packet that is finished was opened by its one recipient, not "all taken".
  const opened = state === 'opened' || (state === 'finished' && detail?.packet.type === 'single');
  const label = opened
    ? t('redpackets.state.opened')
    : state === 'finished'
      ? t('redpackets.state.finished')
      : state === 'expired'
        ? t('redpackets.state.expired')
        : null;
  return (
    <>
      <button
        type="button"
        className={`bubble money-bubble money-bubble--redpacket ${faded ? 'money-bubble--done' : ''}`}
        data-testid="bubble-redpacket"
        data-state={state}
        data-packet-id={body.data.packetId}
        onClick={() => setOpen(true)}
      >
        <span className="money-bubble__main">
          <span className="money-bubble__envelope" aria-hidden="true" />
          <span className="money-bubble__text">
            <span className="money-bubble__greeting">{body.data.greeting}</span>
            {label && <span className="money-bubble__note">{label}</span>}
          </span>
        </span>
        <span className="money-bubble__foot">{t('redpackets.label')}</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <RedPacketOverlay
            packetId={body.data.packetId}
            greeting={body.data.greeting}
            senderId={message.senderId ?? ''}
            senderName={senderName}
            me={me}
            book={book}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}
