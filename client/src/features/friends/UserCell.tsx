import type { PublicUser } from '@app/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Avatar } from '../../ui/Avatar';
import './friends.css';

interface UserCellProps {
  user: PublicUser;
  /** A second line under the name (note, @username, mutual friends). */
  detail?: ReactNode;
  /** Buttons or a status on the right. */
  aside?: ReactNode;
  online?: boolean;
  testId: string;
  /** Extra data-* attributes for tests (the request id). */
  data?: Record<`data-${string}`, string>;
}

/** A person in a list: avatar (with a presence dot), name, detail; the avatar and name open their profile. */
export function UserCell({ user, detail, aside, online = false, testId, data }: UserCellProps) {
  const { t } = useTranslation();
  return (
    <div className="cell user-cell" data-testid={testId} data-user-id={user.id} {...data}>
      <Link
        to={`/contacts/${user.id}`}
        state={{ user }}
        className="user-cell__main"
        aria-label={online ? `${user.displayName} (${t('contacts.online')})` : user.displayName}
      >
        <span className="user-cell__avatar">
          <Avatar seed={user.id} name={user.displayName} url={user.avatarUrl} size={40} alt="" />
          {online && <span className="presence-dot" data-testid="presence-online" />}
        </span>
        <span className="user-cell__text">
          <span className="user-cell__name">{user.displayName}</span>
          {detail && <span className="user-cell__detail">{detail}</span>}
        </span>
      </Link>
      {aside && <div className="user-cell__aside">{aside}</div>}
    </div>
  );
}
