import type { Member, PublicUser } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar';

interface MentionPickerProps {
  members: Member[];
  onPick: (user: PublicUser) => void;
  onClose: () => void;
}

/** Opens when "@" is typed in a group: who to mention. */
export function MentionPicker({ members, onPick, onClose }: MentionPickerProps) {
  const { t } = useTranslation();
  return (
    <div className="mention-picker" role="listbox" aria-label={t('chats.mentionPick')} data-testid="mention-picker">
      <div className="mention-picker__head">
        <span>{t('chats.mentionPick')}</span>
        <button type="button" className="link-button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      {members.map(({ user }) => (
        <button
          key={user.id}
          type="button"
          role="option"
          aria-selected="false"
          className="mention-picker__item"
          data-testid="mention-option"
          data-user-id={user.id}
          onPointerDown={(event) => event.preventDefault()}
          onClick={() => onPick(user)}
        >
          <Avatar seed={user.id} name={user.displayName} url={user.avatarUrl} size={32} alt="" />
          {user.displayName}
        </button>
      ))}
    </div>
  );
}
