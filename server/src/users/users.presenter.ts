import type { Me, PublicUser } from '@app/shared';
import type { UserRow } from './users.tables';

export function presentPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    avatarUrl: row.avatarUrl,
  } satisfies PublicUser;
}

export function presentMe(row: UserRow): Me {
  return {
    ...presentPublicUser(row),
    locale: row.locale,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  } satisfies Me;
}
