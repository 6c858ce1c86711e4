import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Avatar } from '../../ui/Avatar';
import { ConfirmActions, Dialog } from '../../ui/Dialog';
import { ChevronIcon } from '../../ui/Icons';
import { logout, useMe } from '../auth/session.store';
import { AboutRow } from './AboutRow';
import { EditNameDialog } from './EditNameDialog';
import { LanguageSwitch } from './LanguageSwitch';
import './me.css';

export function MePage() {
  const { t } = useTranslation();
  const me = useMe();
  const languageLabel = useId();
  const [editing, setEditing] = useState(false);
  const [confirmingLogout, setConfirmingLogout] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  return (
    <div className="me">
      <section className="profile-card">
        <Avatar
          seed={me.id}
          name={me.displayName}
          url={me.avatarUrl}
          size={64}
          alt={t('me.avatarAlt', { name: me.displayName })}
        />
        <div className="profile-card__text">
          <p className="profile-card__name" data-testid="me-displayname">
            {me.displayName}
          </p>
          <p className="profile-card__handle" data-testid="me-username">
            {t('me.handle', { username: me.username })}
          </p>
        </div>
      </section>

      <div className="cell-group">
        <Link to="/me/wallet" className="cell cell--link me-wallet" data-testid="me-wallet">
          <span className="me-wallet__icon" aria-hidden="true">
            ¥
          </span>
          <span className="cell__label">{t('me.wallet')}</span>
          <ChevronIcon className="cell__chevron" />
        </Link>
        <Link to="/me/permissions" className="cell cell--link" data-testid="me-permissions">
          <span className="cell__label">{t('me.permissions')}</span>
          <ChevronIcon className="cell__chevron" />
        </Link>
        <Link to="/me/dev" className="cell cell--link" data-testid="me-developer">
          <span className="cell__label">{t('me.developer')}</span>
          <ChevronIcon className="cell__chevron" />
        </Link>
        {me.role === 'admin' && (
          <Link to="/me/reviews" className="cell cell--link" data-testid="me-reviews">
            <span className="cell__label">{t('me.reviews')}</span>
            <ChevronIcon className="cell__chevron" />
          </Link>
        )}
      </div>

      <div className="cell-group">
        <button type="button" className="cell cell--link" onClick={() => setEditing(true)} data-testid="me-edit-name">
          <span className="cell__label">{t('me.name')}</span>
          <span className="cell__value">{me.displayName}</span>
          <ChevronIcon className="cell__chevron" />
        </button>
        <div className="cell">
          <span className="cell__label" id={languageLabel}>
            {t('me.language')}
          </span>
          <LanguageSwitch labelledBy={languageLabel} />
        </div>
        <AboutRow />
      </div>

      <div className="cell-group">
        <button
          type="button"
          className="cell cell--button cell--danger"
          onClick={() => setConfirmingLogout(true)}
          data-testid="logout"
        >
          {t('me.logout')}
        </button>
      </div>

      <EditNameDialog open={editing} current={me.displayName} onClose={() => setEditing(false)} />
      <Dialog
        open={confirmingLogout}
        title={t('me.logoutTitle')}
        onClose={() => setConfirmingLogout(false)}
        actions={
          <ConfirmActions
            label={t('me.logoutConfirm')}
            tone="danger"
            disabled={loggingOut}
            testId="logout-confirm"
            onCancel={() => setConfirmingLogout(false)}
            onConfirm={() => {
              setLoggingOut(true);
              void logout();
            }}
          />
        }
      >
        {t('me.logoutBody')}
      </Dialog>
    </div>
  );
}
