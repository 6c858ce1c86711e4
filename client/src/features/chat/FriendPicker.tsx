import type { Friend } from '@app/shared';
import { Avatar } from '../../ui/Avatar';

interface FriendPickerProps {
  friends: Friend[];
  selected: ReadonlySet<string>;
  /** Already in the group: shown checked and greyed out. */
  fixed?: ReadonlySet<string>;
  onToggle: (userId: string) => void;
}

/** Friends with checkboxes (new group, add members). */
export function FriendPicker({ friends, selected, fixed, onToggle }: FriendPickerProps) {
  return (
    <ul className="friend-picker">
      {friends.map(({ user }) => {
        const locked = fixed?.has(user.id) ?? false;
        return (
          <li key={user.id}>
            <label className={`friend-picker__row ${locked ? 'friend-picker__row--locked' : ''}`}>
              <input
                type="checkbox"
                className="friend-picker__check"
                checked={locked || selected.has(user.id)}
                disabled={locked}
                onChange={() => onToggle(user.id)}
                data-testid="group-member-option"
                data-user-id={user.id}
              />
              <Avatar seed={user.id} name={user.displayName} url={user.avatarUrl} size={40} alt="" />
              <span className="friend-picker__name">{user.displayName}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}

/** Toggles one id in a set, immutably. */
export function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
