import type { Friend } from '@app/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useStore } from '../../lib/store';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyContactsArt } from '../../ui/Icons';
import { Badge } from '../friends/Badge';
import { NavbarActions } from '../../app/NavbarActions';
import { AddPersonIcon, PlusCircleIcon, QrIcon } from '../friends/FriendIcons';
import { friendsStore, onlineStore, refreshFriends, usePendingRequestCount } from '../friends/friends.store';
import { UserCell } from '../friends/UserCell';
import { AlphaIndex } from './AlphaIndex';
import { groupByInitial } from './contact-index';
import './contacts.css';

const nameOf = (friend: Friend) => friend.user.displayName;

function sectionId(letter: string): string {
  return `contacts-section-${letter === '#' ? 'other' : letter}`;
}

/** The Contacts tab: New friends and My invite, then friends A–Z with an index along the right edge. */
export function ContactsPage() {
  const { t } = useTranslation();
  const friends = useStore(friendsStore);
  const online = useStore(onlineStore);
  const pending = usePendingRequestCount();
  const sections = useMemo(() => groupByInitial(friends ?? [], nameOf), [friends]);

  const [failed, setFailed] = useState(false);
  const load = () => {
    setFailed(false);
    refreshFriends().catch(() => setFailed(true));
  };

  useEffect(() => {
    // The socket sync loads the list too; this covers a first visit while the socket is still connecting.
    if (!friendsStore.get()) refreshFriends().catch(() => setFailed(true));
  }, []);

  return (
    <div className="contacts">
      <NavbarActions>
        <Link to="/contacts/add" className="contacts__add" aria-label={t('contacts.add')} data-testid="contacts-add">
          <PlusCircleIcon />
        </Link>
      </NavbarActions>
      <nav className="cell-group contacts__top">
        <Link to="/contacts/new" className="cell cell--link" data-testid="contacts-new-friends">
          <span className="contacts__icon contacts__icon--orange">
            <AddPersonIcon />
          </span>
          <span className="cell__label">{t('contacts.newFriends')}</span>
          <Badge count={pending} testId="new-friends-badge" />
        </Link>
        <Link to="/contacts/invite" className="cell cell--link" data-testid="contacts-invite">
          <span className="contacts__icon">
            <QrIcon />
          </span>
          <span className="cell__label">{t('contacts.invite')}</span>
        </Link>
      </nav>

      {friends === null && failed ? (
        <div className="contacts__loading" role="alert">
          {t('contacts.loadFailed')}
          <button type="button" className="btn btn--primary btn--small" onClick={load}>
            {t('common.retry')}
          </button>
        </div>
      ) : friends === null ? (
        <p className="contacts__loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('app.loading')}
        </p>
      ) : friends.length === 0 ? (
        <EmptyState art={<EmptyContactsArt />} title={t('contacts.emptyTitle')} hint={t('contacts.emptyHint')} />
      ) : (
        <>
          {sections.map(({ letter, items }) => (
            <section key={letter} id={sectionId(letter)} className="contacts__section" aria-label={letter}>
              <h2 className="contacts__letter">{letter}</h2>
              <div className="contacts__rows">
                {items.map((friend) => (
                  <UserCell
                    key={friend.user.id}
                    user={friend.user}
                    online={online.has(friend.user.id)}
                    testId="contact-row"
                  />
                ))}
              </div>
            </section>
          ))}
          <AlphaIndex present={sections.map((s) => s.letter)} sectionId={sectionId} />
        </>
      )}
    </div>
  );
}
