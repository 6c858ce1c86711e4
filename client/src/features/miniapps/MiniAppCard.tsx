import { MiniAppCardBodySchema, ServiceBodySchema, type Message } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Avatar } from '../../ui/Avatar';
import { appLink } from './miniapps.links';
import './cards.css';

export { appLink } from './miniapps.links';

/** A shared mini-program page in a chat (kind `miniapp_card`): app, title, "Mini Program"; tap opens it. */
export function MiniAppCard({ message }: { message: Message }) {
  const { t } = useTranslation();
  const parsed = MiniAppCardBodySchema.safeParse(message.body);
  if (!parsed.success) return <div className="bubble">{t('chats.unsupported')}</div>;
  const card = parsed.data;
  return (
    <Link to={appLink(card.appId, card.path)} className="mp-card" data-testid="miniapp-card" data-app-id={card.appId}>
      <span className="mp-card__app">
        <Avatar seed={card.appId} name={card.appName} url={card.appIconUrl} size={20} alt="" />
        <span className="mp-card__app-name">{card.appName}</span>
      </span>
      <span className="mp-card__title">{card.title}</span>
      {card.imageUrl ? (
        <img className="mp-card__image" src={card.imageUrl} alt="" referrerPolicy="no-referrer" />
      ) : (
        <span className="mp-card__image mp-card__image--blank" aria-hidden="true">
          <Avatar seed={card.appId} name={card.appName} url={card.appIconUrl} size={48} alt="" />
        </span>
      )}
      <span className="mp-card__label">{t('miniapp.card')}</span>
    </Link>
  );
}

/** A service notification (kind `service`): the app, its label/value lines, "View details" opening its page. */
export function ServiceCard({ message }: { message: Message }) {
  const { t, i18n } = useTranslation();
  const parsed = ServiceBodySchema.safeParse(message.body);
  if (!parsed.success) return <p className="messages__system">{t('chats.unsupported')}</p>;
  const body = parsed.data;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <article className="service-card" data-testid="service-card" data-app-id={body.appId} data-seq={message.seq}>
      <header className="service-card__head">
        <span className="service-card__app">{body.appName}</span>
        <time className="service-card__time" dateTime={message.createdAt}>
          {time.format(new Date(message.createdAt))}
        </time>
      </header>
      <dl className="service-card__lines">
        {Object.entries(body.data).map(([label, value]) => (
          <div key={label} className="service-card__line" data-testid="service-line">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {body.page !== null && (
        <Link className="service-card__details" to={appLink(body.appId, body.page)} data-testid="service-details">
          {t('miniapp.service.viewDetails')}
          <span aria-hidden="true">›</span>
        </Link>
      )}
    </article>
  );
}
