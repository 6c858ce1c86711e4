import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { EmptyChatsArt } from '../../ui/Icons';
import { ChatRow } from './ChatRow';
import { NavbarActions } from '../../app/NavbarActions';
import { ChatsPlusMenu } from './ChatsPlusMenu';
import { refreshList } from './chat.realtime';
import { sortedConversations, useChat } from './chat.store';
import './chats.css';

/** The Chats tab: every conversation, newest activity first. */
export function ChatsPage() {
  const { t } = useTranslation();
  const state = useChat();
  const list = sortedConversations(state);

  // The socket's (re)connect loads the list; this covers a socket that cannot connect while REST still works.
  useEffect(() => {
    if (!state.listLoaded) void refreshList().catch(() => undefined);
  }, [state.listLoaded]);
  return (
    <>
      <NavbarActions>
        <ChatsPlusMenu />
      </NavbarActions>
      {list.length === 0 ? (
        state.listLoaded ? (
          <EmptyState art={<EmptyChatsArt />} title={t('chats.emptyTitle')} hint={t('chats.emptyHint')} />
        ) : (
          <p className="chats-loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t('chats.loading')}
          </p>
        )
      ) : (
        <ul className="chat-list" data-testid="chat-list">
          {list.map((c) => (
            <ChatRow key={c.id} conversation={c} book={state} typing={!!state.typing[c.id]} />
          ))}
        </ul>
      )}
    </>
  );
}
