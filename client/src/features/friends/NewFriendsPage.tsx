import type { FriendRequest } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../lib/store';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyContactsArt } from '../../ui/Icons';
import { useMe } from '../auth/session.store';
import { acceptFriendRequest, declineFriendRequest } from './friends.api';
import { friendErrorMessage } from './friends.errors';
import { refreshRequests, requestsStore, upsertFriend, upsertRequest } from './friends.store';
import { PageHeader } from './PageHeader';
import { UserCell } from './UserCell';

/** New friends: requests to me (accept / decline, answered ones greyed), then the ones I sent. */
export function NewFriendsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const lists = useStore(requestsStore);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void refreshRequests().catch(() => undefined);
  }, []);

  async function answer(request: FriendRequest, accept: boolean): Promise<void> {
    setBusy(request.id);
    setError(null);
    try {
      if (accept) {
        upsertFriend(await acceptFriendRequest(request.id));
        upsertRequest({ ...request, status: 'accepted' }, me.id);
      } else {
        upsertRequest(await declineFriendRequest(request.id), me.id);
      }
    } catch (err) {
      setError(friendErrorMessage(err, t));
      void refreshRequests().catch(() => undefined);
    } finally {
      setBusy(null);
    }
  }

  const statusText = (request: FriendRequest) => {
    if (request.status === 'accepted') return t('friends.accepted');
    if (request.status === 'declined') return t('friends.declined');
    return t('friends.waiting');
  };

  const incomingAside = (request: FriendRequest) =>
    request.status === 'pending' ? (
      <>
        <button
          type="button"
          className="chip-button chip-button--plain"
          disabled={busy === request.id}
          onClick={() => void answer(request, false)}
          data-testid="request-decline"
        >
          {t('friends.decline')}
        </button>
        <button
          type="button"
          className="chip-button"
          disabled={busy === request.id}
          onClick={() => void answer(request, true)}
          data-testid="request-accept"
        >
          {t('friends.accept')}
        </button>
      </>
    ) : (
      <span className="status-text" data-testid="request-status">
        {statusText(request)}
      </span>
    );

  const detail = (request: FriendRequest) =>
    request.note ?? (request.source === 'invite' ? t('friends.viaInvite') : `@${request.from.username}`);

  const empty = lists && lists.incoming.length === 0 && lists.outgoing.length === 0;
  return (
    <>
      <PageHeader title={t('friends.newTitle')} />
      <main className="shell__body">
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        {lists === null && <p className="notice">{t('app.loading')}</p>}
        {empty && (
          <EmptyState art={<EmptyContactsArt />} title={t('friends.noRequests')} hint={t('contacts.emptyHint')} />
        )}
        {lists && lists.incoming.length > 0 && (
          <section aria-labelledby="incoming-title">
            <h2 className="section-title" id="incoming-title">
              {t('friends.incoming')}
            </h2>
            <div className="cell-group requests">
              {lists.incoming.map((request) => (
                <UserCell
                  key={request.id}
                  user={request.from}
                  detail={detail(request)}
                  aside={incomingAside(request)}
                  testId="friend-request"
                  data={{ 'data-request-id': request.id, 'data-status': request.status }}
                />
              ))}
            </div>
          </section>
        )}
        {lists && lists.outgoing.length > 0 && (
          <section aria-labelledby="outgoing-title">
            <h2 className="section-title" id="outgoing-title">
              {t('friends.outgoing')}
            </h2>
            <div className="cell-group requests">
              {lists.outgoing.map((request) => (
                <UserCell
                  key={request.id}
                  user={request.to}
                  detail={request.note ?? `@${request.to.username}`}
                  aside={<span className="status-text">{statusText(request)}</span>}
                  testId="outgoing-request"
                  data={{ 'data-request-id': request.id, 'data-status': request.status }}
                />
              ))}
            </div>
          </section>
        )}
      </main>
    </>
  );
}
