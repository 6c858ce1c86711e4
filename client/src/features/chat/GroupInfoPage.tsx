import type { Friend, Member } from '@app/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { ConfirmActions, Dialog } from '../../ui/Dialog';
import { ChevronIcon } from '../../ui/Icons';
import { useMe } from '../auth/session.store';
import { FriendPicker, toggled } from './FriendPicker';
import { GroupMembers } from './GroupMembers';
import { GroupTextDialog } from './GroupTextDialog';
import { PageHeader } from './PageHeader';
import { addMembers, fetchFriends, removeMember, updateConversation } from './chat.api';
import { loadMembers } from './chat.realtime';
import { markLeft, upsertConversation, useChat } from './chat.store';
import './conversation.css';
import './group.css';

type Open =
  | { kind: 'rename' | 'announcement' | 'leave' }
  | { kind: 'add'; friends: Friend[] }
  | { kind: 'remove'; member: Member };

/** /chats/:id/info — members, add/remove, rename, announcement, leave. */
export default function GroupInfoPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const state = useChat();
  const [open, setOpen] = useState<Open | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const conversation = state.conversations[id];
  const members = state.members[id];

  useEffect(() => {
    void loadMembers(id).catch(() => undefined);
  }, [id]);

  if (state.listLoaded && (!conversation || conversation.type !== 'group')) return <Navigate to="/chats" replace />;
  if (state.left[id]) return <Navigate to={`/chats/${id}`} replace />;

  const close = () => {
    setOpen(null);
    setBusy(false);
  };
  const admin = conversation?.myRole === 'owner' || conversation?.myRole === 'admin';

  async function run(action: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    try {
      await action();
      await loadMembers(id);
    } finally {
      close();
    }
  }

  async function openAdd(): Promise<void> {
    const friends = await fetchFriends().catch(() => [] as Friend[]);
    setPicked(new Set());
    setOpen({ kind: 'add', friends });
  }

  const inGroup = new Set((members ?? []).map((m) => m.user.id));
  return (
    <div className="chat-page">
      <PageHeader
        back={`/chats/${id}`}
        title={
          conversation ? t('chats.titleWithCount', { title: t('group.info'), count: conversation.memberCount }) : ''
        }
      />
      <div className="chat-page__body">
        {members && conversation ? (
          <>
            <div className="cell-group">
              <GroupMembers
                members={members}
                me={me.id}
                myRole={conversation.myRole}
                onAdd={() => void openAdd()}
                onRemove={(member) => setOpen({ kind: 'remove', member })}
              />
            </div>
            <div className="cell-group">
              <button
                type="button"
                className="cell cell--link"
                data-testid="group-rename"
                onClick={() => setOpen({ kind: 'rename' })}
              >
                <span className="cell__label">{t('group.name')}</span>
                <span className="cell__value" data-testid="group-name">
                  {conversation.title}
                </span>
                <ChevronIcon className="cell__chevron" />
              </button>
              <button
                type="button"
                className="cell cell--link cell--stacked"
                data-testid="group-announcement"
                onClick={() => setOpen({ kind: 'announcement' })}
              >
                <span className="cell__label">{t('group.announcement')}</span>
                <span className="cell__value">{conversation.announcement || t('group.announcementNone')}</span>
                <ChevronIcon className="cell__chevron" />
              </button>
            </div>
            <div className="cell-group">
              <button
                type="button"
                className="cell cell--button cell--danger"
                data-testid="group-leave"
                onClick={() => setOpen({ kind: 'leave' })}
              >
                {t('group.leave')}
              </button>
            </div>
          </>
        ) : (
          <p className="conversation__loading">
            <span className="spinner" aria-hidden="true" /> {t('chats.loading')}
          </p>
        )}
      </div>

      {open?.kind === 'rename' && conversation && (
        <GroupTextDialog
          title={t('group.renameTitle')}
          initial={conversation.title}
          maxLength={40}
          onClose={close}
          onSave={async (title) => upsertConversation((await updateConversation(id, { title })).conversation)}
        />
      )}
      {open?.kind === 'announcement' && conversation && (
        <GroupTextDialog
          title={t('group.announcementTitle')}
          initial={conversation.announcement ?? ''}
          multiline
          maxLength={500}
          readOnly={!admin}
          note={admin ? undefined : t('group.announcementOnlyAdmins')}
          onClose={close}
          onSave={async (announcement) =>
            upsertConversation((await updateConversation(id, { announcement: announcement || null })).conversation)
          }
        />
      )}
      {open?.kind === 'add' && (
        <Dialog
          open
          title={t('group.addTitle')}
          onClose={close}
          actions={
            <ConfirmActions
              label={t('group.confirm')}
              disabled={busy || picked.size === 0}
              onCancel={close}
              onConfirm={() => void run(() => addMembers(id, [...picked]))}
            />
          }
        >
          {open.friends.some((f) => !inGroup.has(f.user.id)) ? (
            <FriendPicker
              friends={open.friends}
              selected={picked}
              fixed={inGroup}
              onToggle={(u) => setPicked((s) => toggled(s, u))}
            />
          ) : (
            <p>{t('group.noneToAdd')}</p>
          )}
        </Dialog>
      )}
      {(open?.kind === 'remove' || open?.kind === 'leave') && (
        <Dialog
          open
          title={
            open.kind === 'remove'
              ? t('group.removeTitle', { name: open.member.user.displayName })
              : t('group.leaveTitle')
          }
          onClose={close}
          actions={
            <ConfirmActions
              label={open.kind === 'remove' ? t('group.confirm') : t('group.leaveConfirm')}
              tone="danger"
              disabled={busy}
              onCancel={close}
              onConfirm={() => {
                if (open.kind === 'remove') return void run(() => removeMember(id, open.member.user.id));
                setBusy(true);
                void removeMember(id, me.id)
                  .then(() => {
                    markLeft(id);
                    void navigate(`/chats/${id}`, { replace: true });
                  })
                  .catch(close);
              }}
            />
          }
        >
          {open.kind === 'leave' ? t('group.leaveBody') : undefined}
        </Dialog>
      )}
    </div>
  );
}
