import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { useTotalUnread } from '../features/chat/chat.realtime';
import { Badge } from '../features/friends/Badge';
import { useFriendsSync, usePendingRequestCount } from '../features/friends/friends.store';
import { ChatIcon, ContactsIcon, DiscoverIcon, MeIcon } from '../ui/Icons';

type TabId = 'chats' | 'contacts' | 'discover' | 'me';

const TABS: { id: TabId; Icon: ComponentType<{ filled?: boolean }> }[] = [
  { id: 'chats', Icon: ChatIcon },
  { id: 'contacts', Icon: ContactsIcon },
  { id: 'discover', Icon: DiscoverIcon },
  { id: 'me', Icon: MeIcon },
];

/** The four WeChat-style tabs along the bottom of the column. */
export function TabBar() {
  const { t } = useTranslation();
  useFriendsSync();
  const pendingRequests = usePendingRequestCount();
  const unread = useTotalUnread();
  return (
    <nav className="tabbar" aria-label={t('app.name')}>
      {TABS.map(({ id, Icon }) => (
        <NavLink key={id} to={`/${id}`} className="tabbar__tab" data-testid={`tab-${id}`}>
          {({ isActive }) => (
            <>
              <span className="tabbar__icon">
                <Icon filled={isActive} />
                {id === 'chats' && <Badge count={unread} testId="tab-chats-badge" className="tabbar__badge" />}
                {id === 'contacts' && (
                  <Badge count={pendingRequests} testId="tab-contacts-badge" className="tabbar__badge" />
                )}
              </span>
              <span className="tabbar__label">{t(`tabs.${id}`)}</span>
            </>
          )}
        </NavLink>
      ))}
    </nav>
  );
}
