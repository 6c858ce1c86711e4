import { RECALL_WINDOW_MS, type Me } from '@app/shared';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar';
import { RedPacketBubble } from '../redpackets/RedPacketBubble';
import { MiniAppCard } from '../miniapps/MiniAppCard';
import { TransferBubble } from '../transfers/TransferBubble';
import { ImageContent } from './ImageContent';
import { nameOf, type NameBook } from './chat.format';
import { recallMessage } from './chat.history';
import type { ChatItem } from './chat.merge';
import { retry } from './chat.outbox';

interface MessageBubbleProps {
  item: ChatItem;
  me: Me;
  book: NameBook;
  group: boolean;
  onNotice: (text: string) => void;
}

const LONG_PRESS_MS = 500;

/** A text, image or money message: ours on the right in green, others on the left in white with their avatar. */
export function MessageBubble({ item, me, book, group, onNotice }: MessageBubbleProps) {
  const { t } = useTranslation();
  const { message: m, status } = item;
  const mine = m.senderId === me.id;
  const sender = m.senderId ? book.users[m.senderId] : undefined;
  const name = mine ? me.displayName : nameOf(book, m.senderId, t);
  const mentioned = Array.isArray(m.body.mentions) && m.body.mentions.includes(me.id);
  const [menu, setMenu] = useState<{ recall: boolean } | null>(null);
  const press = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setMenu(null);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [menu]);

  function openMenu(): void {
    const recall = mine && status === 'sent' && Date.now() - new Date(m.createdAt).getTime() < RECALL_WINDOW_MS;
    if (recall || m.kind === 'text') setMenu({ recall });
  }

  function onPointerDown(event: ReactPointerEvent): void {
    if (event.button !== 0) return;
    clearTimeout(press.current);
    press.current = setTimeout(openMenu, LONG_PRESS_MS);
  }

  const cancelPress = () => clearTimeout(press.current);

  async function recall(): Promise<void> {
    setMenu(null);
    try {
      await recallMessage(m.id);
    } catch {
      onNotice(t('chats.recallFailed'));
    }
  }

  const text = typeof m.body.text === 'string' ? m.body.text : '';
  return (
    <div
      ref={root}
      className={`msg ${mine ? 'msg--mine' : ''}`}
      data-testid="message"
      data-seq={m.seq}
      data-status={status}
      data-mine={String(mine)}
      data-kind={m.kind}
    >
      <Avatar
        seed={m.senderId ?? ''}
        name={name}
        url={mine ? me.avatarUrl : (sender?.avatarUrl ?? null)}
        size={40}
        alt={name}
      />
      <div className="msg__column">
        {group && !mine && <span className="msg__sender">{name}</span>}
        <div className="msg__row">
          {mine && status === 'pending' && <span className="spinner msg__spinner" aria-label={t('chats.sending')} />}
          {mine && status === 'failed' && (
            <button
              type="button"
              className="msg__failed"
              aria-label={t('chats.failed')}
              title={t('chats.failed')}
              data-testid="message-retry"
              onClick={() => retry(m.clientMsgId ?? m.id)}
            >
              !
            </button>
          )}
          {m.kind === 'transfer' ? (
            <TransferBubble message={m} me={me.id} book={book} />
          ) : m.kind === 'miniapp_card' ? (
            <MiniAppCard message={m} />
          ) : m.kind === 'redpacket' ? (
            <RedPacketBubble message={m} me={me.id} book={book} senderName={name} />
          ) : (
            <div
              className={`bubble ${m.kind === 'image' ? 'bubble--image' : ''} ${mentioned ? 'bubble--mention' : ''}`}
              onContextMenu={(event) => {
                event.preventDefault();
                openMenu();
              }}
              onPointerDown={onPointerDown}
              onPointerUp={cancelPress}
              onPointerLeave={cancelPress}
              onPointerCancel={cancelPress}
            >
              {m.kind === 'text' && (
                <span className="bubble__text" data-testid="message-text">
                  {text}
                </span>
              )}
              {m.kind === 'image' && <ImageContent body={m.body} alt={t('chats.imageAlt', { name })} />}
              {m.kind !== 'text' && m.kind !== 'image' && (
                <span className="bubble__text">{t('chats.unsupported')}</span>
              )}
              {menu && (
                <div className="msg-menu" role="menu">
                  {m.kind === 'text' && (
                    <button
                      type="button"
                      role="menuitem"
                      onClick={() => {
                        setMenu(null);
                        void navigator.clipboard?.writeText(text).catch(() => undefined);
                      }}
                    >
                      {t('chats.copy')}
                    </button>
                  )}
                  {menu.recall && (
                    <button type="button" role="menuitem" data-testid="message-recall" onClick={() => void recall()}>
                      {t('chats.recall')}
                    </button>
                  )}
                </div>
              )}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
