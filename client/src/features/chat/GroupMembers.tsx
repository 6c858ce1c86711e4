import type { Member, MemberRole } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar';

interface GroupMembersProps {
  members: Member[];
  me: string;
  myRole: MemberRole;
  onAdd: () => void;
  onRemove: (member: Member) => void;
}

/** Owners remove anyone; admins remove plain members. */
export function canRemove(myRole: MemberRole, target: MemberRole): boolean {
  return myRole === 'owner' ? target !== 'owner' : myRole === 'admin' && target === 'member';
}

/** WeChat's members grid: avatars with names, a "+" tile to add friends, a "−" on those you may remove. */
export function GroupMembers({ members, me, myRole, onAdd, onRemove }: GroupMembersProps) {
  const { t } = useTranslation();
  return (
    <ul className="member-grid" data-testid="member-grid">
      {members.map((m) => (
        <li key={m.user.id} className="member-grid__item" data-testid="group-member" data-user-id={m.user.id}>
          <span className="member-grid__avatar">
            <Avatar seed={m.user.id} name={m.user.displayName} url={m.user.avatarUrl} size={52} alt="" />
            {m.user.id !== me && canRemove(myRole, m.role) && (
              <button
                type="button"
                className="member-grid__remove"
                aria-label={t('group.remove', { name: m.user.displayName })}
                data-testid="member-remove"
                data-user-id={m.user.id}
                onClick={() => onRemove(m)}
              >
                −
              </button>
            )}
          </span>
          <span className="member-grid__name">{m.user.displayName}</span>
          {m.role !== 'member' && <span className="member-grid__role">{t(`group.${m.role}`)}</span>}
        </li>
      ))}
      <li className="member-grid__item">
        <button
          type="button"
          className="member-grid__add"
          aria-label={t('group.addTitle')}
          data-testid="group-add-member"
          onClick={onAdd}
        >
          +
        </button>
        <span className="member-grid__name">{t('group.add')}</span>
      </li>
    </ul>
  );
}
