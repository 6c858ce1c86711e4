import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
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
  return (
    <nav className="tabbar" aria-label={t('app.name')}>
      {TABS.map(({ id, Icon }) => (
        <NavLink key={id} to={`/${id}`} className="tabbar__tab" data-testid={`tab-${id}`}>
          {({ isActive }) => (
            <>
              <Icon filled={isActive} />
              <span className="tabbar__label">{t(`tabs.${id}`)}</span>
            </>
          )}
        </NavLink>
      ))}
    </nav>
  );
}
