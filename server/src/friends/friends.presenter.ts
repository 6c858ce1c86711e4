import type { Friend, FriendRequest } from '@app/shared';
import { presentPublicUser } from '../users/users.presenter';
import type { UserRow } from '../users/users.tables';
import type { FriendRequestRow, FriendshipRow } from './friends.tables';

export function presentRequest(row: FriendRequestRow, from: UserRow, to: UserRow): FriendRequest {
  return {
    id: row.id,
    from: presentPublicUser(from),
    to: presentPublicUser(to),
    note: row.note,
    status: row.status,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
  } satisfies FriendRequest;
}

export function presentFriend(row: FriendshipRow, user: UserRow, conversationId: string | null): Friend {
  return {
    user: presentPublicUser(user),
    since: row.createdAt.toISOString(),
    source: row.source,
    conversationId,
  } satisfies Friend;
}
