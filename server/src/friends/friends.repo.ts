import { aliasedTable, and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { FriendSource } from '@app/shared';
import type { Db, Tx } from '../schema';
import { users } from '../users/users.tables';
import { blocks, friendRequests, friendships, type FriendRequestRow } from './friends.tables';

const SUGGESTION_LIMIT = 20;
/** Friends-of-friends looks at this many of the user's newest friends, so the query stays bounded. */
const SUGGESTION_FRIEND_SCAN = 500;

export async function isFriend(db: Db | Tx, userId: string, otherId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(friendships)
    .where(and(eq(friendships.userId, userId), eq(friendships.friendId, otherId)));
  return !!row;
}

/** Ids among `candidates` that are friends of `userId`. */
export async function friendIdsAmong(db: Db | Tx, userId: string, candidates: string[]): Promise<Set<string>> {
  if (!candidates.length) return new Set();
  const rows = await db
    .select({ id: friendships.friendId })
    .from(friendships)
    .where(and(eq(friendships.userId, userId), inArray(friendships.friendId, candidates)));
  return new Set(rows.map((r) => r.id));
}

export async function friendIdsOf(db: Db | Tx, userId: string): Promise<string[]> {
  const rows = await db.select({ id: friendships.friendId }).from(friendships).where(eq(friendships.userId, userId));
  return rows.map((r) => r.id);
}

export async function isBlockedEitherWay(db: Db | Tx, a: string, b: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(blocks)
    .where(
      or(and(eq(blocks.blockerId, a), eq(blocks.blockedId, b)), and(eq(blocks.blockerId, b), eq(blocks.blockedId, a))),
    );
  return !!row;
}

export async function insertFriendship(tx: Tx, a: string, b: string, source: FriendSource): Promise<void> {
  await tx
    .insert(friendships)
    .values([
      { userId: a, friendId: b, source },
      { userId: b, friendId: a, source },
    ])
    .onConflictDoNothing();
}

export async function deleteFriendship(db: Db | Tx, a: string, b: string): Promise<number> {
  const rows = await db
    .delete(friendships)
    .where(
      or(
        and(eq(friendships.userId, a), eq(friendships.friendId, b)),
        and(eq(friendships.userId, b), eq(friendships.friendId, a)),
      ),
    )
    .returning({ userId: friendships.userId });
  return rows.length;
}

export async function findPendingRequest(
  db: Db | Tx,
  fromId: string,
  toId: string,
): Promise<FriendRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(friendRequests)
    .where(
      and(
        eq(friendRequests.fromUserId, fromId),
        eq(friendRequests.toUserId, toId),
        eq(friendRequests.status, 'pending'),
      ),
    );
  return row;
}

const fromUser = aliasedTable(users, 'from_user');
const toUser = aliasedTable(users, 'to_user');

/** Requests with both people, newest first. */
export async function requestsWithUsers(db: Db | Tx, where: ReturnType<typeof eq>, limit = 100) {
  return db
    .select({ request: friendRequests, from: fromUser, to: toUser })
    .from(friendRequests)
    .innerJoin(fromUser, eq(fromUser.id, friendRequests.fromUserId))
    .innerJoin(toUser, eq(toUser.id, friendRequests.toUserId))
    .where(where)
    .orderBy(desc(friendRequests.createdAt))
    .limit(limit);
}

/** The user's friends (or just `onlyFriendId`) with their profiles. */
export async function friendsWithUsers(db: Db, userId: string, onlyFriendId?: string) {
  return db
    .select({ friendship: friendships, user: users })
    .from(friendships)
    .innerJoin(users, eq(users.id, friendships.friendId))
    .where(and(eq(friendships.userId, userId), onlyFriendId ? eq(friendships.friendId, onlyFriendId) : undefined))
    .orderBy(users.displayName);
}

/** Friends of friends who are not friends yet, not blocked either way, ranked by how many friends they share. */
export async function suggestionsFor(db: Db, userId: string) {
  const result = await db.execute(sql`
    with mine as (
      select friend_id from friendships where user_id = ${userId} order by created_at desc limit ${SUGGESTION_FRIEND_SCAN}
    )
    select f2.friend_id as id, count(*)::int as mutual
    from mine join friendships f2 on f2.user_id = mine.friend_id
    where f2.friend_id <> ${userId}
      and not exists (select 1 from friendships f3 where f3.user_id = ${userId} and f3.friend_id = f2.friend_id)
      and not exists (
        select 1 from blocks b
        where (b.blocker_id = ${userId} and b.blocked_id = f2.friend_id) or (b.blocker_id = f2.friend_id and b.blocked_id = ${userId})
      )
    group by f2.friend_id
    order by mutual desc, f2.friend_id
    limit ${SUGGESTION_LIMIT}`);
  // Both drivers return { rows }; the generic PgDatabase types that as unknown.
  const { rows } = result as unknown as { rows: Array<{ id: unknown; mutual: unknown }> };
  const ranked = rows.map((r) => ({ id: String(r.id), mutual: Number(r.mutual) }));
  if (!ranked.length) return [];
  const people = await db
    .select()
    .from(users)
    .where(
      inArray(
        users.id,
        ranked.map((r) => r.id),
      ),
    );
  const byId = new Map(people.filter((u) => !u.bannedAt).map((u) => [u.id, u]));
  return ranked.flatMap((r) => {
    const user = byId.get(r.id);
    return user ? [{ user, mutual: r.mutual }] : [];
  });
}
