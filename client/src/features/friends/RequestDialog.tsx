import type { FriendRequest, PublicUser } from '@app/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
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
  const formId = useId();
  const inputId = useId();
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

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
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
    <Dialog
      open={target !== null}
      title={t('friends.requestTitle')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="dialog__action" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form={formId}
            className="dialog__action dialog__action--primary"
            disabled={pending}
            data-testid="request-send"
          >
            {pending ? t('friends.sending') : t('friends.send')}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(event) => void onSubmit(event)} noValidate>
        <label className="dialog__label" htmlFor={inputId}>
          {t('friends.noteLabel')}
        </label>
        <textarea
          id={inputId}
          className="dialog__input request-note"
          value={note}
          rows={3}
          maxLength={100}
          onChange={(event) => {
            setNote(event.target.value);
            setError(null);
          }}
          data-testid="request-note"
        />
        <p className="form-error" role="alert" data-testid={error ? 'request-error' : undefined}>
          {error}
        </p>
      </form>
    </Dialog>
  );
}
