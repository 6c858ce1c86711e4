import type { Conversation, Me } from '@app/shared';
import { Fragment, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServiceCard } from '../miniapps/MiniAppCard';
import { MessageBubble } from './MessageBubble';
import { needsTimeLine, separatorTime, systemText, nameOf } from './chat.format';
import { loadOlder } from './chat.history';
import { recalledInPlace, type ChatItem, type Thread } from './chat.merge';
import type { ChatState } from './chat.store';

interface MessageListProps {
  conversation: Conversation;
  thread: Thread;
  me: Me;
  state: ChatState;
  onNotice: (text: string) => void;
}

const NEAR_BOTTOM_PX = 80;

/** What is drawn: recall lines whose original is on screen are folded into it ("X recalled a message" in place). */
function visibleItems(items: readonly ChatItem[]): ChatItem[] {
  const recalled = recalledInPlace(items);
  return items.filter((item) => {
    const { kind, body } = item.message;
    return !(kind === 'system' && body.event === 'message_recalled' && recalled.has(String(body.messageId)));
  });
}

/** The last of our messages the server stored (read receipts go under it). */
function lastOwnSeq(items: readonly ChatItem[], me: string): number {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const m = items[i]!.message;
    if (items[i]!.status === 'sent' && m.senderId === me && !m.recalledAt && m.kind !== 'system') return m.seq;
  }
  return 0;
}

export function MessageList({ conversation, thread, me, state, onNotice }: MessageListProps) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const restore = useRef<{ height: number; top: number } | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const items = visibleItems(thread.items);
  const group = conversation.type === 'group';
  const receiptSeq = group ? 0 : lastOwnSeq(items, me.id);
  const lastKey = items.at(-1)?.message.id;

  // After older messages arrive, keep what the user was looking at in place; otherwise follow new messages.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (restore.current) {
      el.scrollTop = el.scrollHeight - restore.current.height + restore.current.top;
      restore.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [items.length, lastKey]);

  async function older(): Promise<void> {
    const el = scroller.current;
    if (!el || loadingOlder || !thread.hasOlder) return;
    setLoadingOlder(true);
    restore.current = { height: el.scrollHeight, top: el.scrollTop };
    try {
      await loadOlder(conversation.id);
    } catch {
      restore.current = null;
    } finally {
      setLoadingOlder(false);
    }
  }

  function onScroll(): void {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (el.scrollTop < 40 && thread.loaded) void older();
  }

  return (
    <div className="messages" ref={scroller} onScroll={onScroll} data-testid="message-list">
      <div className="messages__top">
        {thread.loaded && !thread.hasOlder ? (
          <span className="messages__nomore" data-testid="no-more">
            {t('chats.noMore')}
          </span>
        ) : (
          <button
            type="button"
            className="link-button"
            data-testid="load-older"
            disabled={loadingOlder || !thread.loaded}
            onClick={() => void older()}
          >
            {loadingOlder || !thread.loaded ? <span className="spinner" aria-hidden="true" /> : t('chats.loadOlder')}
          </button>
        )}
      </div>
      {items.map((item, index) => {
        const m = item.message;
        const timeLine = needsTimeLine(items[index - 1]?.message, m);
        const system = m.kind === 'system' || !!m.recalledAt;
        return (
          <Fragment key={m.clientMsgId ?? m.id}>
            {timeLine && <p className="messages__time">{separatorTime(m.createdAt, i18n.language, t)}</p>}
            {system ? (
              <p
                className="messages__system"
                data-testid="message"
                data-seq={m.seq}
                data-kind={m.recalledAt ? 'recalled' : 'system'}
                data-mine={String(m.senderId === me.id)}
                data-status={item.status}
              >
                {m.recalledAt
                  ? t('chats.system.message_recalled', { actor: nameOf(state, m.senderId, t) })
                  : systemText(m, state, t)}
              </p>
            ) : m.kind === 'service' ? (
              <ServiceCard message={m} />
            ) : (
              <MessageBubble item={item} me={me} book={state} group={group} onNotice={onNotice} />
            )}
            {receiptSeq > 0 && m.seq === receiptSeq && item.status === 'sent' && (
              <p className="messages__receipt" data-testid="read-receipt">
                {(conversation.peerReadSeq ?? 0) >= m.seq ? t('chats.read') : t('chats.delivered')}
              </p>
            )}
          </Fragment>
        );
      })}
    </div>
  );
}
