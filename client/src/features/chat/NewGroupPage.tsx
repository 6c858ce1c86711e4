import type { Friend } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyContactsArt } from '../../ui/Icons';
import { useMe } from '../auth/session.store';
import { formErrorMessage } from '../auth/auth.errors';
import { FriendPicker, toggled } from './FriendPicker';
import { PageHeader } from './PageHeader';
import { createGroup, fetchFriends } from './chat.api';
import { rememberUsers, setMembers, upsertConversation } from './chat.store';
import './conversation.css';
import './group.css';

/** Pick friends, name the group (or let their names do it), create. */
export default function NewGroupPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [friends, setFriends] = useState<Friend[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [title, setTitle] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchFriends()
      .then((list) => {
        rememberUsers(list.map((f) => f.user));
        setFriends(list);
      })
      .catch((err: unknown) => setError(formErrorMessage(err, t)));
  }, [t]);

  async function create(): Promise<void> {
    const picked = (friends ?? []).filter((f) => selected.has(f.user.id));
    const names = [me.displayName, ...picked.map((f) => f.user.displayName)].join(t('chats.listSeparator'));
    setPending(true);
    setError(null);
    try {
      const detail = await createGroup({
        type: 'group',
        title: title.trim() || t('group.defaultTitle', { names }).slice(0, 40),
        memberIds: [...selected],
      });
      upsertConversation(detail.conversation);
      setMembers(detail.conversation.id, detail.members);
      void navigate(`/chats/${detail.conversation.id}`, { replace: true });
    } catch (err) {
      setError(formErrorMessage(err, t));
      setPending(false);
    }
  }

  return (
    <div className="chat-page">
      <PageHeader
        back="/chats"
        title={t('group.newTitle')}
        right={
          <button
            type="button"
            className="btn btn--primary btn--small header-action"
            disabled={pending || selected.size === 0}
            data-testid="group-create"
            onClick={() => void create()}
          >
            {pending ? t('group.creating') : t('group.create', { count: selected.size })}
          </button>
        }
      />
      <div className="chat-page__body">
        <div className="cell-group">
          <label className="cell">
            <span className="cell__label cell__label--fixed">{t('group.name')}</span>
            <input
              className="cell__input"
              value={title}
              maxLength={40}
              placeholder={t('group.namePlaceholder')}
              data-testid="group-title"
              onChange={(event) => setTitle(event.target.value)}
            />
          </label>
        </div>
        <p className="form-error group-error" role="alert">
          {error}
        </p>
        <h2 className="section-title">{t('group.pickFriends')}</h2>
        {friends === null ? (
          !error && (
            <p className="conversation__loading">
              <span className="spinner" aria-hidden="true" /> {t('chats.loading')}
            </p>
          )
        ) : friends.length === 0 ? (
          <EmptyState art={<EmptyContactsArt />} title={t('group.pickFriends')} hint={t('group.noFriends')} />
        ) : (
          <FriendPicker friends={friends} selected={selected} onToggle={(id) => setSelected((s) => toggled(s, id))} />
        )}
      </div>
    </div>
  );
}
