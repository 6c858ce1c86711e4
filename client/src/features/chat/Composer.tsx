import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES, type Conversation, type Member } from '@app/shared';
import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmojiPanel } from './EmojiPanel';
import { MentionPicker } from './MentionPicker';
import { ImageIcon, PlusCircleIcon, SmileIcon } from './chat.icons';
import { reportTyping } from './chat.history';
import { sendImage, sendText } from './chat.outbox';
import './more-panel.css';

interface ComposerProps {
  conversation: Conversation;
  members: Member[] | undefined;
  me: string;
  onNotice: (text: string) => void;
}

function imageSize(file: File): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    const url = URL.createObjectURL(file);
    img.onload = () => {
      resolve({ width: img.naturalWidth, height: img.naturalHeight });
      URL.revokeObjectURL(url);
    };
    img.onerror = () => resolve({ width: 0, height: 0 });
    img.src = url;
  });
}

/** Text, emoji, images and @mentions; Enter sends, Shift+Enter breaks the line. */
export function Composer({ conversation, members, me, onNotice }: ComposerProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [emoji, setEmoji] = useState(false);
  const [more, setMore] = useState(false);
  const [picking, setPicking] = useState(false);
  /** Display name → user id for the @mentions chosen in this draft. */
  const [mentions, setMentions] = useState<Record<string, string>>({});
  const group = conversation.type === 'group';

  /** Replaces the selection (or the `replace` characters before the caret) and puts the caret after the insert. */
  function insert(value: string, replace = 0): void {
    const el = input.current;
    const start = Math.max(0, (el?.selectionStart ?? text.length) - replace);
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + value + text.slice(end);
    setText(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + value.length, start + value.length);
    });
  }

  function onChange(event: ChangeEvent<HTMLTextAreaElement>): void {
    const value = event.target.value;
    const caret = event.target.selectionStart;
    setText(value);
    if (value.trim()) reportTyping(conversation.id);
    if (group && value.length > text.length && value[caret - 1] === '@') setPicking(true);
  }

  function send(): void {
    const body = text.trim();
    if (!body) return;
    const ids = Object.entries(mentions)
      .filter(([name]) => body.includes(`@${name}`))
      .map(([, id]) => id);
    sendText(conversation.id, ids.length ? { text: body, mentions: [...new Set(ids)] } : { text: body });
    setText('');
    setMentions({});
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!(IMAGE_MIME_TYPES as readonly string[]).includes(file.type)) return onNotice(t('chats.imageType'));
    if (file.size > MAX_IMAGE_BYTES) return onNotice(t('chats.imageTooLarge'));
    sendImage(conversation.id, file, await imageSize(file));
  }

  return (
    <div className="composer-wrap">
      {picking && members && (
        <MentionPicker
          members={members.filter((m) => m.user.id !== me)}
          onClose={() => setPicking(false)}
          onPick={(user) => {
            setPicking(false);
            setMentions((prev) => ({ ...prev, [user.displayName]: user.id }));
            insert(`@${user.displayName} `, 1);
          }}
        />
      )}
      <div className="composer">
        <label className="icon-button composer__image" aria-label={t('chats.sendImage')} title={t('chats.sendImage')}>
          <ImageIcon />
          <input
            type="file"
            accept={IMAGE_MIME_TYPES.join(',')}
            className="visually-hidden"
            data-testid="image-input"
            onChange={(event) => void onFile(event)}
          />
        </label>
        <textarea
          ref={input}
          className="composer__input"
          rows={1}
          value={text}
          aria-label={t('chats.composerLabel')}
          data-testid="composer-input"
          onChange={onChange}
          onKeyDown={onKeyDown}
          onFocus={() => {
            setEmoji(false);
            setMore(false);
          }}
        />
        <button
          type="button"
          className="icon-button"
          aria-label={t('chats.emoji')}
          aria-expanded={emoji}
          data-testid="emoji-toggle"
          onClick={() => {
            setMore(false);
            setEmoji((v) => !v);
          }}
        >
          <SmileIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('chats.moreActions')}
          aria-expanded={more}
          data-testid="composer-more"
          onClick={() => {
            setEmoji(false);
            setMore((v) => !v);
          }}
        >
          <PlusCircleIcon />
        </button>
        <button
          type="button"
          className="composer__send"
          disabled={!text.trim()}
          data-testid="composer-send"
          onClick={send}
        >
          {t('chats.send')}
        </button>
      </div>
      {emoji && <EmojiPanel onPick={(value) => insert(value)} />}
      {more && (
        <div className="more-panel" role="group" aria-label={t('chats.moreActions')}>
          <Link to={`/chats/${conversation.id}/redpacket`} className="more-panel__item" data-testid="more-redpacket">
            <span className="more-panel__icon more-panel__icon--redpacket" aria-hidden="true" />
            {t('chats.moreRedPacket')}
          </Link>
          {!group && (
            <Link to={`/chats/${conversation.id}/transfer`} className="more-panel__item" data-testid="more-transfer">
              <span className="more-panel__icon more-panel__icon--transfer" aria-hidden="true">
                ¥
              </span>
              {t('chats.moreTransfer')}
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
