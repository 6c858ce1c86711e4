import type { Invite } from '@app/shared';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar';
import { useMe } from '../auth/session.store';
import { fetchInvite } from './friends.api';
import { friendErrorMessage } from './friends.errors';
import { PageHeader } from './PageHeader';
import './invite.css';

type CopyState = 'idle' | 'copied' | 'failed';

/** My invite: a QR code and link; whoever registers through it finds a friend request from me waiting. */
export function InvitePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [invite, setInvite] = useState<Invite | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  useEffect(() => {
    let live = true;
    fetchInvite()
      .then(async (result) => {
        if (!live) return;
        setInvite(result);
        const image = await toDataURL(result.url, { margin: 1, width: 480, errorCorrectionLevel: 'M' });
        if (live) setQr(image);
      })
      .catch((err: unknown) => live && setError(friendErrorMessage(err, t)));
    return () => {
      live = false;
    };
  }, [me.id, t]);

  async function copyLink(): Promise<void> {
    if (!invite) return;
    try {
      await navigator.clipboard.writeText(invite.url);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <>
      <PageHeader title={t('friends.inviteTitle')} />
      <main className="shell__body invite">
        <section className="invite__card">
          <div className="invite__who">
            <Avatar seed={me.id} name={me.displayName} url={me.avatarUrl} size={48} alt="" />
            <div>
              <p className="invite__name">{me.displayName}</p>
              <p className="invite__handle">@{me.username}</p>
            </div>
          </div>
          <div className="invite__qr">
            {qr ? (
              <img src={qr} alt={t('friends.inviteQrAlt')} width="240" height="240" data-testid="invite-qr" />
            ) : (
              !error && <span className="spinner" aria-label={t('app.loading')} />
            )}
          </div>
          <p className="invite__hint">{t('friends.inviteHint')}</p>
          {error && (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          )}
        </section>
        {invite && (
          <div className="cell-group invite__link-group">
            <div className="cell invite__link-cell">
              <input
                className="invite__link"
                value={invite.url}
                readOnly
                aria-label={t('friends.inviteTitle')}
                onFocus={(event) => event.currentTarget.select()}
                data-testid="invite-link"
              />
            </div>
            <button
              type="button"
              className="cell cell--button invite__copy"
              onClick={() => void copyLink()}
              data-testid="invite-copy"
            >
              {copy === 'copied' ? t('friends.copied') : t('friends.copy')}
            </button>
          </div>
        )}
        {copy === 'failed' && (
          <p className="notice notice--error" role="alert">
            {t('friends.copyFailed')}
          </p>
        )}
        {invite && <p className="notice invite__code">{t('friends.inviteCode', { code: invite.code })}</p>}
      </main>
    </>
  );
}
