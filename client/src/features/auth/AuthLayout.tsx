import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../lib/i18n';
import { chooseLocale } from '../me/me.actions';
import './auth.css';

interface AuthLayoutProps {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}

/** The signed-out screens: language toggle, logo, title, the form, a link to the other form. */
export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  const { t } = useTranslation();
  const other = currentLocale() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <div className="auth">
      <div className="auth__top">
        <button
          type="button"
          className="link-button"
          data-testid="auth-language"
          lang={other}
          onClick={() => void chooseLocale(other)}
        >
          {t('auth.switchLanguage')}
        </button>
      </div>
      <header className="auth__header">
        <img className="auth__logo" src="/favicon.svg" alt={t('app.name')} width="56" height="56" />
        <h1 className="auth__title">{title}</h1>
        <p className="auth__subtitle">{subtitle}</p>
      </header>
      {children}
      <footer className="auth__footer">{footer}</footer>
    </div>
  );
}
