import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { BackIcon } from './FriendIcons';
import './friends.css';

interface PageHeaderProps {
  title: string;
  /** Where "back" goes when this page was opened directly (no history to return to). */
  fallback?: string;
  action?: ReactNode;
}

/** The title bar of a pushed screen: back on the left, title centred, an optional action on the right. */
export function PageHeader({ title, fallback = '/contacts', action }: PageHeaderProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const back = () => {
    // react-router keeps an index in history.state; 0 means this page is the first entry of the tab.
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) void navigate(-1);
    else void navigate(fallback, { replace: true });
  };
  return (
    <header className="navbar page-header">
      <button type="button" className="page-header__back" onClick={back} aria-label={t('friends.back')}>
        <BackIcon />
      </button>
      <h1 className="navbar__title page-header__title">{title}</h1>
      <div className="page-header__action">{action}</div>
    </header>
  );
}
