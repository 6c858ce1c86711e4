import type { FriendRequest, PublicUser } from '@app/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextFieldDialog } from '../../ui/TextFieldDialog';
import { useMe } from '../auth/session.store';
import { sendFriendRequest } from './friends.api';
import { friendErrorMessage } from './friends.errors';
import { refreshFriends, upsertRequest } from './friends.store';

interface RequestDialogProps {
  /** The person to ask; null keeps the dialog closed. */
  target: PublicUser | null;
  onClose: () => void;
  /** Called with the stored request (status `accepted` when they had already asked us). */
  onSent: (request: FriendRequest) => void;
  /** Called when the server says what the button could not know (already friends, blocked…). */
  onRefused?: (userId: string, code: string) => void;
}

/** "Friend request": a note prefilled with "I'm <my name>", then Send. */
export function RequestDialog({ target, onClose, onSent, onRefused }: RequestDialogProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // A fresh note each time the dialog opens for someone (adjusting state during render, as EditNameDialog does).
  const [openFor, setOpenFor] = useState<string | null>(null);
  if ((target?.id ?? null) !== openFor) {
    setOpenFor(target?.id ?? null);
    setNote(t('friends.notePrefill', { name: me.displayName }));
    setError(null);
  }

  async function onSubmit(): Promise<void> {
    if (!target || pending) return;
    setPending(true);
    setError(null);
    try {
      const request = await sendFriendRequest({ toUserId: target.id, note: note.trim() || undefined });
      upsertRequest(request, me.id);
      if (request.status === 'accepted') void refreshFriends().catch(() => undefined);
      onSent(request);
    } catch (err) {
      setError(friendErrorMessage(err, t));
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string') onRefused?.(target.id, code);
    } finally {
      setPending(false);
    }
  }

  return (
    <TextFieldDialog
      open={target !== null}
      title={t('friends.requestTitle')}
      label={t('friends.noteLabel')}
      value={note}
      onChange={(next) => {
        setNote(next);
        setError(null);
      }}
      error={error}
      pending={pending}
      submitLabel={t('friends.send')}
      pendingLabel={t('friends.sending')}
      onSubmit={() => void onSubmit()}
      onClose={onClose}
      maxLength={100}
      rows={3}
      inputClassName="request-note"
      testIds={{ input: 'request-note', submit: 'request-send', error: 'request-error' }}
    />
  );
}
