import type { RedPacketDetail } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/http';
import { Avatar } from '../../ui/Avatar';
import type { NameBook } from '../chat/chat.format';
import { moneyErrorText } from '../wallet/wallet.errors';
import { RedPacketDetailView } from './RedPacketDetailView';
import { claimRedPacket } from './redpackets.api';
import { redPacketsStore, reloadRedPacket } from './redpackets.store';

interface RedPacketOverlayProps {
  packetId: string;
  greeting: string;
  senderId: string;
  senderName: string;
  me: string;
  book: NameBook;
  onClose: () => void;
}

type View = 'loading' | 'open' | 'opening' | 'empty' | 'expired' | 'detail';

/** The "開" spin lasts at least this long, so a fast server still looks like opening an envelope. */
const SPIN_MS = 900;

/** Where a tap on the bubble lands: the open button, or straight to what there is to see. */
function firstView(detail: RedPacketDetail, me: string): View {
  const sender = detail.packet.senderId === me;
  if (detail.mine !== null || (sender && detail.packet.type === 'single')) return 'detail';
  if (detail.packet.status === 'expired') return sender ? 'detail' : 'expired';
  if (detail.packet.status === 'finished') return sender ? 'detail' : 'empty';
  return 'open';
}

/** WeChat's red packet: the envelope with the round 開 button, then my amount and who got what. */
export default function RedPacketOverlay(props: RedPacketOverlayProps) {
  const { packetId, greeting, senderId, senderName, me, book, onClose } = props;
  const { t } = useTranslation();
  const [view, setView] = useState<View>('loading');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void reloadRedPacket(packetId).then((detail) => {
      if (!live) return;
      const known = detail ?? redPacketsStore.get()[packetId];
      if (known) setView(firstView(known, me));
      else setError(t('errors.unknown'));
    });
    return () => {
      live = false;
    };
  }, [packetId, me, t]);

  async function open(): Promise<void> {
    setView('opening');
    setError(null);
    const [result] = await Promise.allSettled([
      claimRedPacket(packetId),
      new Promise((resolve) => setTimeout(resolve, SPIN_MS)),
    ]);
    await reloadRedPacket(packetId);
    if (result.status === 'fulfilled') return setView('detail');
    const code = result.reason instanceof ApiError ? result.reason.code : null;
    if (code === 'redpacket_already_claimed') setView('detail');
    else if (code === 'redpacket_empty') setView('empty');
    else if (code === 'redpacket_expired') setView('expired');
    else {
      setError(moneyErrorText(result.reason, t));
      setView('open');
    }
  }

  if (view === 'detail') {
    return <RedPacketDetailView packetId={packetId} me={me} book={book} senderName={senderName} onClose={onClose} />;
  }

  const glyph = t('redpackets.openGlyph');
  const canSeeDetails = senderId === me || view === 'empty' || view === 'expired';
  return (
    <div className="rp-overlay" role="dialog" aria-modal="true" aria-label={t('redpackets.label')}>
      <div className="rp-card" data-testid="redpacket-card" data-view={view}>
        <button type="button" className="rp-card__close" aria-label={t('redpackets.close')} onClick={onClose}>
          ×
        </button>
        <div className="rp-card__from">
          <Avatar seed={senderId} name={senderName} url={book.users[senderId]?.avatarUrl ?? null} size={40} alt="" />
          <span>{t('redpackets.from', { name: senderName })}</span>
        </div>
        {view === 'empty' ? (
          <p className="rp-card__message" data-testid="redpacket-empty">
            {t('redpackets.empty')}
          </p>
        ) : view === 'expired' ? (
          <p className="rp-card__message" data-testid="redpacket-expired">
            {t('redpackets.expired')}
          </p>
        ) : (
          <p className="rp-card__greeting">{greeting}</p>
        )}
        {error && (
          <p className="rp-card__error" role="alert">
            {error}
          </p>
        )}
        {(view === 'open' || view === 'opening') && (
          <button
            type="button"
            className={`rp-card__open ${glyph.length > 1 ? 'rp-card__open--word' : ''} ${view === 'opening' ? 'rp-card__open--spinning' : ''}`}
            disabled={view === 'opening'}
            aria-label={t('redpackets.open')}
            data-testid="redpacket-open"
            onClick={() => void open()}
          >
            {glyph}
          </button>
        )}
        {view === 'loading' && !error && <span className="spinner rp-card__spinner" aria-hidden="true" />}
        {canSeeDetails && view !== 'loading' && (
          <button
            type="button"
            className="rp-card__details"
            data-testid="redpacket-details"
            onClick={() => setView('detail')}
          >
            {t('redpackets.seeDetails')} ›
          </button>
        )}
      </div>
    </div>
  );
}
