import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { connectionState } from '../../lib/socket';
import { useStore } from '../../lib/store';
import { useMe } from '../auth/session.store';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { PageHeader } from './PageHeader';
import { MoreIcon } from './chat.icons';
import { conversationTitle } from './chat.format';
import { loadLatest } from './chat.history';
import { loadMembers, queryPresence, reportRead } from './chat.realtime';
import { setActive, useChat } from './chat.store';
import './conversation.css';

/** One conversation: header, messages, composer (or a read-only note after leaving a group). */
export default function ConversationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const state = useChat();
  const connection = useStore(connectionState);
  const [notice, setNotice] = useState<string | null>(null);
  const conversation = state.conversations[id];
  const thread = state.threads[id];
  const loaded = !!thread?.loaded;
  const group = conversation?.type === 'group';
  const peerId = conversation?.peer?.id;

  useEffect(() => {
    setActive(id);
    return () => setActive(null);
  }, [id]);

  useEffect(() => {
    if (!state.listLoaded || !conversation || loaded) return;
    void loadLatest(id).catch(() => undefined);
  }, [id, state.listLoaded, conversation, loaded]);

  useEffect(() => {
    if (group) void loadMembers(id).catch(() => undefined);
  }, [id, group]);

  useEffect(() => {
    if (peerId) queryPresence([peerId]);
  }, [peerId]);

  const itemCount = thread?.items.length ?? 0;
  useEffect(() => {
    reportRead();
  }, [id, itemCount, loaded]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 3000);
    return () => clearTimeout(timer);
  }, [notice]);

  if (state.listLoaded && !conversation) return <Navigate to="/chats" replace />;
  if (!conversation || !thread) {
    return (
      <div className="conversation">
        <PageHeader title="" back="/chats" />
        <p className="conversation__loading">
          <span className="spinner" aria-hidden="true" /> {t('chats.loading')}
        </p>
      </div>
    );
  }

  const left = !!state.left[id];
  const service = conversation.type === 'service';
  const typing = state.typing[id];
  // While we are offline ourselves, the peer's last known presence would be a guess.
  const online = peerId && connection === 'connected' ? state.online[peerId] : undefined;
  const subtitle = typing ? (
    <span data-testid="typing-indicator">{t('chats.typing')}</span>
  ) : online === undefined || group ? null : (
    <span className={online ? 'presence presence--online' : 'presence'} data-testid="presence">
      {online ? t('chats.online') : t('chats.offline')}
    </span>
  );
  const infoLink = left || service ? null : group ? `/chats/${id}/info` : peerId ? `/contacts/${peerId}` : null;

  return (
    <div className="conversation">
      <PageHeader
        back="/chats"
        title={
          <span data-testid="conversation-title">
            {group && !left
              ? t('chats.titleWithCount', { title: conversation.title, count: conversation.memberCount })
              : conversationTitle(conversation, t)}
          </span>
        }
        subtitle={subtitle}
        right={
          infoLink && (
            <Link to={infoLink} className="icon-button" aria-label={t('chats.info')} data-testid="conversation-info">
              <MoreIcon />
            </Link>
          )
        }
      />
      {notice && (
        <p className="toast" role="alert">
          {notice}
        </p>
      )}
      <MessageList conversation={conversation} thread={thread} me={me} state={state} onNotice={setNotice} />
      {service ? null : left ? (
        <p className="conversation__readonly" data-testid="read-only">
          {t('chats.readOnly')}
        </p>
      ) : (
        <Composer conversation={conversation} members={state.members[id]} me={me.id} onNotice={setNotice} />
      )}
    </div>
  );
}
