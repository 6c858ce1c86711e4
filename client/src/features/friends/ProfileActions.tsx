import type { Friend, PublicUser } from '@app/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useStore } from '../../lib/store';
import { ConfirmActions, Dialog } from '../../ui/Dialog';
import { blockUser, removeFriend, unblockUser } from './friends.api';
import { friendErrorMessage } from './friends.errors';
import { dropFriend, requestsStore } from './friends.store';
import { RequestDialog } from './RequestDialog';

type Confirm = 'remove' | 'block' | 'unblock';

interface ProfileActionsProps {
  user: PublicUser;
  friend: Friend | null;
  blocked: boolean;
  onBlockedChange: (blocked: boolean) => void;
  onRemoved: () => void;
}

/** The profile's buttons: Send message or Add friend, then Block/Unblock and Remove (each confirmed). */
export function ProfileActions({ user, friend, blocked, onBlockedChange, onRemoved }: ProfileActionsProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const requests = useStore(requestsStore);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sent = requests?.outgoing.some((r) => r.to.id === user.id && r.status === 'pending') ?? false;

  async function run(action: Confirm): Promise<void> {
    setPending(true);
    setError(null);
    try {
      if (action === 'remove') {
        await removeFriend(user.id);
        dropFriend(user.id);
        onRemoved();
      } else if (action === 'block') {
        await blockUser(user.id);
        onBlockedChange(true);
      } else {
        await unblockUser(user.id);
        onBlockedChange(false);
      }
      setConfirm(null);
    } catch (err) {
      setError(friendErrorMessage(err, t));
      setConfirm(null);
    } finally {
      setPending(false);
    }
  }

  const name = user.displayName;
  const texts: Record<Confirm, { title: string; body: string; ok: string }> = {
    remove: {
      title: t('friends.removeTitle', { name }),
      body: t('friends.removeBody'),
      ok: t('friends.removeConfirm'),
    },
    block: { title: t('friends.blockTitle', { name }), body: t('friends.blockBody'), ok: t('friends.block') },
    unblock: { title: t('friends.unblockTitle', { name }), body: t('friends.unblockBody'), ok: t('friends.unblock') },
  };

  return (
    <>
      <div className="cell-group">
        {friend ? (
          <button
            type="button"
            className="cell cell--button profile__primary"
            disabled={!friend.conversationId || blocked}
            onClick={() => void navigate(`/chats/${friend.conversationId ?? ''}`)}
            data-testid="profile-message"
          >
            {t('friends.message')}
          </button>
        ) : (
          <button
            type="button"
            className="cell cell--button profile__primary"
            disabled={sent || blocked}
            onClick={() => setAsking(true)}
            data-testid="add-friend"
          >
            {sent ? t('friends.sent') : t('friends.addFriend')}
          </button>
        )}
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="cell-group">
        <button
          type="button"
          className="cell cell--button"
          onClick={() => setConfirm(blocked ? 'unblock' : 'block')}
          data-testid="profile-block"
          data-blocked={blocked}
        >
          {blocked ? t('friends.unblock') : t('friends.block')}
        </button>
        {friend && (
          <button
            type="button"
            className="cell cell--button cell--danger"
            onClick={() => setConfirm('remove')}
            data-testid="profile-remove"
          >
            {t('friends.remove')}
          </button>
        )}
      </div>

      <Dialog
        open={confirm !== null}
        title={confirm ? texts[confirm].title : ''}
        onClose={() => setConfirm(null)}
        actions={
          <ConfirmActions
            label={confirm ? texts[confirm].ok : ''}
            tone={confirm === 'unblock' ? 'primary' : 'danger'}
            disabled={pending}
            onCancel={() => setConfirm(null)}
            onConfirm={() => confirm && void run(confirm)}
          />
        }
      >
        {confirm ? texts[confirm].body : null}
      </Dialog>
      <RequestDialog target={asking ? user : null} onClose={() => setAsking(false)} onSent={() => setAsking(false)} />
    </>
  );
}
