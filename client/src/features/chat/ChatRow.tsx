import type { Conversation } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConversationAvatar } from './ConversationAvatar';
import { badgeCount, conversationTitle, listTime, previewText, type NameBook } from './chat.format';
import { useChat } from './chat.store';

interface ChatRowProps {
  conversation: Conversation;
  book: NameBook;
  typing: boolean;
}

/** One conversation in the Chats list: avatar with unread badge, title, time, last message. */
export function ChatRow({ conversation: c, book, typing }: ChatRowProps) {
  const { t, i18n } = useTranslation();
  const state = useChat();
  const members = state.members[c.id];
  const showCount = c.type === 'group' && !state.left[c.id];
  const group = c.type === 'group';
  const preview = typing ? t('chats.typing') : previewText(c.lastMessage, book, group, t);
  return (
    <li>
      <Link
        to={`/chats/${c.id}`}
        className="chat-row"
        data-testid="chat-row"
        data-conversation-id={c.id}
        data-type={c.type}
      >
        <span className="chat-row__avatar">
          <ConversationAvatar conversation={c} members={members} />
          {c.unreadCount > 0 && (
            <span className="badge" data-testid="unread-badge">
              {badgeCount(c.unreadCount)}
            </span>
          )}
        </span>
        <span className="chat-row__main">
          <span className="chat-row__top">
            <span className="chat-row__title">
              {showCount
                ? t('chats.titleWithCount', { title: c.title, count: c.memberCount })
                : conversationTitle(c, t)}
            </span>
            <time className="chat-row__time" dateTime={c.updatedAt}>
              {listTime(c.lastMessage?.createdAt ?? c.updatedAt, i18n.language, t)}
            </time>
          </span>
          <span className="chat-row__preview">
            {c.mentionCount > 0 && (
              <span className="chat-row__mention" data-testid="mention-tag">
                {t('chats.mentionTag')}
              </span>
            )}
            {preview}
          </span>
        </span>
      </Link>
    </li>
  );
}
