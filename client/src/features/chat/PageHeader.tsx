import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ConnectionBanner } from '../../app/ConnectionBanner';
import { BackIcon } from './chat.icons';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Where "back" goes (the previous page when omitted). */
  back?: string;
  right?: ReactNode;
}

/** The title bar of a full-screen chat page (no tab bar): back, title, an optional action on the right. */
export function PageHeader({ title, subtitle, back, right }: PageHeaderProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <header className="page-header">
        <button
          type="button"
          className="icon-button"
          aria-label={t('chats.back')}
          onClick={() => (back ? navigate(back) : navigate(-1))}
        >
          <BackIcon />
        </button>
        <div className="page-header__titles">
          <h1 className="page-header__title">{title}</h1>
          {subtitle && <p className="page-header__subtitle">{subtitle}</p>}
        </div>
        <div className="page-header__right">{right}</div>
      </header>
      <ConnectionBanner />
    </>
  );
}
