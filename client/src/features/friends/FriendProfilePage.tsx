import { PublicUserSchema, type PublicUser } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { currentLocale } from '../../lib/i18n';
import { useStore } from '../../lib/store';
import { Avatar } from '../../ui/Avatar';
import { useMe } from '../auth/session.store';
import { fetchBlocked } from './friends.api';
import { friendsStore, requestsStore } from './friends.store';
import { PageHeader } from './PageHeader';
import { ProfileActions } from './ProfileActions';
import './profile.css';

const SOURCE_KEYS = {
  request: 'friends.sourceRequest',
  invite: 'friends.sourceInvite',
  group: 'friends.sourceGroup',
} as const;

/** Someone we know of on this device: a friend, a person from search (router state), or from a request. */
function useKnownUser(userId: string): PublicUser | null {
  const location = useLocation();
  const friends = useStore(friendsStore);
  const requests = useStore(requestsStore);
  const fromState = PublicUserSchema.safeParse((location.state as { user?: unknown } | null)?.user);
  if (fromState.success && fromState.data.id === userId) return fromState.data;
  const friend = friends?.find((f) => f.user.id === userId);
  if (friend) return friend.user;
  const request = [...(requests?.incoming ?? []), ...(requests?.outgoing ?? [])].find(
    (r) => r.from.id === userId || r.to.id === userId,
  );
  if (!request) return null;
  return request.from.id === userId ? request.from : request.to;
}

/** A person's profile: who they are, and what you can do — message, add, remove, block. */
export function FriendProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { userId = '' } = useParams();
  const friends = useStore(friendsStore);
  const friend = friends?.find((f) => f.user.id === userId) ?? null;
  const known = useKnownUser(userId);
  const [blocked, setBlocked] = useState<PublicUser[] | null>(null);

  useEffect(() => {
    let live = true;
    fetchBlocked().then(
      (list) => live && setBlocked(list),
      () => live && setBlocked([]),
    );
    return () => {
      live = false;
    };
  }, [userId]);

  const blockedUser = blocked?.find((u) => u.id === userId) ?? null;
  const user = known ?? blockedUser;

  if (!user) {
    return (
      <>
        <PageHeader title={t('friends.profileTitle')} />
        <main className="shell__body">
          <p className="notice" role="status">
            {friends === null || blocked === null ? t('app.loading') : t('friends.notFound')}
          </p>
        </main>
      </>
    );
  }

  const since = friend && new Date(friend.since).toLocaleDateString(currentLocale(), { dateStyle: 'medium' });
  return (
    <>
      <PageHeader title={t('friends.profileTitle')} />
      <main className="shell__body profile" data-testid="friend-profile" data-user-id={user.id}>
        <section className="profile__card">
          <Avatar seed={user.id} name={user.displayName} url={user.avatarUrl} size={64} alt="" />
          <div className="profile__text">
            <h2 className="profile__name" data-testid="profile-name">
              {user.displayName}
            </h2>
            <p className="profile__handle">@{user.username}</p>
            {blockedUser && (
              <p className="profile__tag" data-testid="profile-blocked">
                {t('friends.blocked')}
              </p>
            )}
          </div>
        </section>
        {friend && (
          <div className="cell-group">
            <div className="cell">
              <span className="cell__label">{t('friends.source')}</span>
              <span className="cell__value">{t(SOURCE_KEYS[friend.source])}</span>
            </div>
            <div className="cell">
              <span className="cell__label">{t('friends.since')}</span>
              <span className="cell__value">{since}</span>
            </div>
          </div>
        )}
        {user.id !== me.id && (
          <ProfileActions
            user={user}
            friend={friend}
            blocked={blockedUser !== null}
            onBlockedChange={(now) =>
              setBlocked((list) => (now ? [...(list ?? []), user] : (list ?? []).filter((u) => u.id !== user.id)))
            }
            onRemoved={() => void navigate('/contacts', { replace: true })}
          />
        )}
      </main>
    </>
  );
}
