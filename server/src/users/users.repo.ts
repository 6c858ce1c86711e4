import { randomBytes } from 'node:crypto';
import { and, asc, eq, ilike, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../schema';
import { users, type NewUserRow, type UserRow } from './users.tables';

const SEARCH_LIMIT = 20;

export function newInviteCode(): string {
  return randomBytes(6).toString('base64url');
}

export async function findUserById(db: Db | Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findUserByUsername(db: Db | Tx, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

export async function findUserByInviteCode(db: Db | Tx, code: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.inviteCode, code)).limit(1);
  return row;
}

/** Inserts a user; returns undefined when the username is taken (unique violation, no exception). */
export async function insertUser(db: Db | Tx, values: Omit<NewUserRow, 'inviteCode'>): Promise<UserRow | undefined> {
  const [row] = await db
    .insert(users)
    .values({ ...values, inviteCode: newInviteCode() })
    .onConflictDoNothing({ target: users.username })
    .returning();
  return row;
}

export async function updateUser(
  db: Db | Tx,
  id: string,
  patch: Partial<Pick<UserRow, 'displayName' | 'avatarUrl' | 'locale'>>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** Username prefix or display-name substring, excluding the searcher and banned users. */
export async function searchUsers(db: Db, q: string, excludeId: string): Promise<UserRow[]> {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select()
    .from(users)
    .where(
      and(
        ne(users.id, excludeId),
        isNull(users.bannedAt),
        sql`(${users.username} like ${`${escaped.toLowerCase()}%`} or ${ilike(users.displayName, `%${escaped}%`)})`,
      ),
    )
    .orderBy(sql`${users.username} = ${q.toLowerCase()} desc`, asc(users.username))
    .limit(SEARCH_LIMIT);
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
