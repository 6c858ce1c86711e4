import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { ConnectionBanner } from './ConnectionBanner';
import { NavbarSlot } from './NavbarActions';
import { TabBar } from './TabBar';

const TITLES = {
  '/chats': 'tabs.chats',
  '/contacts': 'tabs.contacts',
  '/discover': 'tabs.discover',
  '/me': 'tabs.me',
} as const;

function isTabPath(path: string): path is keyof typeof TITLES {
  return Object.hasOwn(TITLES, path);
}

/** The signed-in shell: title bar, connection hint, the tab's page, tab bar. */
export function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const title = isTabPath(pathname) ? t(TITLES[pathname]) : t('app.name');
  const [actions, setActions] = useState<HTMLElement | null>(null);
  return (
    <div className="shell">
      <header className="navbar">
        <h1 className="navbar__title">{title}</h1>
        <div className="navbar__actions" ref={setActions} />
      </header>
      <ConnectionBanner />
      <main className="shell__body">
        <NavbarSlot.Provider value={actions}>
          <Outlet />
        </NavbarSlot.Provider>
      </main>
      <TabBar />
    </div>
  );
}
