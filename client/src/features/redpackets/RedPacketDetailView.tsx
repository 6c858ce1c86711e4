import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar';
import { listTime, nameOf, type NameBook } from '../chat/chat.format';
import { BackIcon } from '../chat/chat.icons';
import { formatFen } from '../wallet/money';
import { useRedPacket } from './redpackets.store';

interface RedPacketDetailViewProps {
  packetId: string;
  me: string;
  book: NameBook;
  senderName: string;
  onClose: () => void;
}

/** After opening: my amount in large type, then every claim with its amount, time and the "best luck" mark. */
export function RedPacketDetailView({ packetId, me, book, senderName, onClose }: RedPacketDetailViewProps) {
  const { t, i18n } = useTranslation();
  const detail = useRedPacket(packetId);
  if (!detail) return null;
  const { packet, claims, mine } = detail;
  const sender = packet.senderId === me;

  let summary: string;
  if (packet.status === 'expired')
    summary = t('redpackets.summaryExpired', {
      claimed: packet.claimedShares,
      shares: packet.shares,
      amount: formatFen(packet.totalFen - packet.claimedFen),
    });
  else if (sender)
    summary = t('redpackets.summarySender', {
      claimed: packet.claimedShares,
      shares: packet.shares,
      claimedAmount: formatFen(packet.claimedFen),
      amount: formatFen(packet.totalFen),
    });
  else summary = t('redpackets.summary', { claimed: packet.claimedShares, shares: packet.shares });

  return (
    <div className="rp-detail" role="dialog" aria-modal="true" aria-label={t('redpackets.detailTitle')}>
      <header className="rp-detail__head">
        <button type="button" className="icon-button rp-detail__back" aria-label={t('chats.back')} onClick={onClose}>
          <BackIcon />
        </button>
      </header>
      <section className="rp-detail__top" data-testid="redpacket-detail">
        <p className="rp-detail__from">
          <Avatar
            seed={packet.senderId}
            name={senderName}
            url={book.users[packet.senderId]?.avatarUrl ?? null}
            size={28}
            alt=""
          />
          {t('redpackets.from', { name: senderName })}
          {packet.type === 'lucky' && <span className="rp-detail__tag">{t('redpackets.luckyTag')}</span>}
        </p>
        <p className="rp-detail__greeting">{packet.greeting}</p>
        {mine !== null && (
          <p className="rp-detail__amount" data-testid="redpacket-amount" data-amount={mine}>
            <span className="rp-detail__currency">¥</span>
            {formatFen(mine)}
          </p>
        )}
        {mine !== null && <p className="rp-detail__hint">{t('redpackets.inWallet')}</p>}
      </section>
      <p className="rp-detail__summary" data-testid="redpacket-summary">
        {summary}
      </p>
      <ul className="rp-detail__claims">
        {claims.map((claim) => {
          const name = claim.userId === me ? t('chats.you') : nameOf(book, claim.userId, t);
          return (
            <li
              key={claim.userId}
              className="rp-claim"
              data-testid="redpacket-claim"
              data-user-id={claim.userId}
              data-amount={claim.amountFen}
              data-best={String(claim.best)}
            >
              <Avatar
                seed={claim.userId}
                name={book.users[claim.userId]?.displayName ?? name}
                url={book.users[claim.userId]?.avatarUrl ?? null}
                size={40}
                alt=""
              />
              <div className="rp-claim__text">
                <p className="rp-claim__name">{name}</p>
                <p className="rp-claim__time">{listTime(claim.at, i18n.language, t)}</p>
              </div>
              <div className="rp-claim__right">
                <p className="rp-claim__amount">¥{formatFen(claim.amountFen)}</p>
                {claim.best && <p className="rp-claim__best">👑 {t('redpackets.best')}</p>}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
