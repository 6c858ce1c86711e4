import type { PublicUser, SuggestionList } from '@app/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../lib/store';
import { useMe } from '../auth/session.store';
import { fetchSuggestions, searchUsers } from './friends.api';
import { friendErrorMessage } from './friends.errors';
import { friendsStore, refreshFriends, requestsStore } from './friends.store';
import { SearchIcon } from './FriendIcons';
import { PageHeader } from './PageHeader';
import { RequestDialog } from './RequestDialog';
import { UserCell } from './UserCell';

type Relation = 'friend' | 'sent' | 'none';

/** Where we stand with someone: friends, a request of ours is waiting, or nothing yet. */
function useRelation(): (userId: string) => Relation {
  const friends = useStore(friendsStore);
  const requests = useStore(requestsStore);
  return (userId) => {
    if (friends?.some((f) => f.user.id === userId)) return 'friend';
    if (requests?.outgoing.some((r) => r.to.id === userId && r.status === 'pending')) return 'sent';
    return 'none';
  };
}

/** Add friend: search by username, send a request with a note; people you may know underneath. */
export function AddFriendPage() {
  const { t } = useTranslation();
  const me = useMe();
  const inputId = useId();
  const relationOf = useRelation();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<{ q: string; users: PublicUser[] } | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<SuggestionList['suggestions'] | null>(null);
  const [target, setTarget] = useState<PublicUser | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchSuggestions().then(
      (list) => live && setSuggestions(list),
      () => live && setSuggestions([]),
    );
    return () => {
      live = false;
    };
  }, [me.id]);

  async function onSearch(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const q = query.trim();
    if (!q || searching) return;
    setSearching(true);
    setError(null);
    setNotice(null);
    try {
      setSearched({ q, users: await searchUsers(q) });
    } catch (err) {
      setError(friendErrorMessage(err, t));
    } finally {
      setSearching(false);
    }
  }

  const aside = (user: PublicUser) => {
    const relation = relationOf(user.id);
    if (relation === 'friend') return <span className="status-text">{t('friends.alreadyFriends')}</span>;
    if (relation === 'sent') return <span className="status-text">{t('friends.sent')}</span>;
    return (
      <button type="button" className="chip-button" onClick={() => setTarget(user)} data-testid="add-friend">
        {t('friends.add')}
      </button>
    );
  };

  return (
    <>
      <PageHeader title={t('friends.searchTitle')} />
      <main className="shell__body">
        <form className="search-bar" role="search" onSubmit={(event) => void onSearch(event)}>
          <label className="search-bar__field" htmlFor={inputId}>
            <SearchIcon />
            <span className="visually-hidden">{t('friends.searchLabel')}</span>
            <input
              id={inputId}
              className="search-bar__input"
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder={t('friends.searchPlaceholder')}
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              maxLength={40}
              enterKeyHint="search"
              data-testid="search-input"
            />
          </label>
          <button
            type="submit"
            className="chip-button"
            disabled={searching || !query.trim()}
            data-testid="search-submit"
          >
            {searching ? t('friends.searching') : t('friends.search')}
          </button>
        </form>

        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p className="notice" role="status" data-testid="add-notice">
            {notice}
          </p>
        )}
        {searched &&
          (searched.users.length > 0 ? (
            <div className="cell-group">
              {searched.users.map((user) => (
                <UserCell
                  key={user.id}
                  user={user}
                  detail={`@${user.username}`}
                  aside={aside(user)}
                  testId="search-result"
                />
              ))}
            </div>
          ) : (
            <p className="section-hint" data-testid="search-empty">
              {t('friends.noResults', { q: searched.q })}
            </p>
          ))}

        <h2 className="section-title">{t('friends.suggestions')}</h2>
        {suggestions && suggestions.length === 0 && <p className="section-hint">{t('friends.noSuggestions')}</p>}
        {suggestions && suggestions.length > 0 && (
          <div className="cell-group suggestions">
            {suggestions.map(({ user, mutualCount }) => (
              <UserCell
                key={user.id}
                user={user}
                detail={t('friends.mutual', { count: mutualCount })}
                aside={aside(user)}
                testId="suggestion"
              />
            ))}
          </div>
        )}
      </main>
      <RequestDialog
        target={target}
        onClose={() => setTarget(null)}
        onSent={(request) => {
          setTarget(null);
          setNotice(request.status === 'accepted' ? t('friends.friendsNow') : null);
        }}
        onRefused={(_userId, code) => {
          if (code !== 'already_friends') return;
          setTarget(null);
          setNotice(t('friends.errors.already_friends'));
          void refreshFriends().catch(() => undefined);
        }}
      />
    </>
  );
}
