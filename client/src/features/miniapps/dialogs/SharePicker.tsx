import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmActions, Dialog } from '../../../ui/Dialog';
import { ConversationAvatar } from '../../chat/ConversationAvatar';
import { refreshList } from '../../chat/chat.realtime';
import { sortedConversations, useChat } from '../../chat/chat.store';

interface SharePickerProps {
  title: string;
  /** Sends the card; rejects when it could not be sent (the picker stays open with a message). */
  onSend: (conversationId: string) => Promise<void>;
  onCancel: () => void;
}

/** share.toChat: the person's chats (not the service notifications); pick one, then Send. */
export function SharePicker({ title, onSend, onCancel }: SharePickerProps) {
  const { t } = useTranslation();
  const chat = useChat();
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const targets = sortedConversations(chat).filter((c) => c.type !== 'service' && !chat.left[c.id]);

  useEffect(() => {
    if (!chat.listLoaded) void refreshList().catch(() => undefined);
  }, [chat.listLoaded]);

  async function send(): Promise<void> {
    if (!picked) return;
    setBusy(true);
    setFailed(false);
    try {
      await onSend(picked);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      title={t('miniapp.share.title')}
      onClose={onCancel}
      testId="share-picker"
      className="host-dialog share-picker"
      actions={
        <ConfirmActions
          label={t('miniapp.share.send')}
          onConfirm={() => void send()}
          onCancel={onCancel}
          disabled={!picked || busy}
          testId="share-confirm"
          cancelTestId="share-cancel"
        />
      }
    >
      <p className="share-picker__what">{title}</p>
      {targets.length === 0 && <p className="host-dialog__hint">{t('miniapp.share.empty')}</p>}
      <ul className="share-picker__list" role="listbox" aria-label={t('miniapp.share.title')}>
        {targets.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              role="option"
              aria-selected={picked === c.id}
              className={`share-picker__row ${picked === c.id ? 'share-picker__row--picked' : ''}`}
              onClick={() => setPicked(c.id)}
              data-testid="share-target"
              data-conversation-id={c.id}
            >
              <ConversationAvatar conversation={c} members={chat.members[c.id]} size={36} />
              <span className="share-picker__title">{c.title}</span>
              <span className="share-picker__check" aria-hidden="true">
                {picked === c.id ? '✓' : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {failed && (
        <p className="form-error" role="alert">
          {t('miniapp.share.failed')}
        </p>
      )}
    </Dialog>
  );
}
