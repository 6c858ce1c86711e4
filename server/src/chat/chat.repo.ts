import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { MessageKind } from '@app/shared';
import type { Db, Tx } from '../schema';
import { users } from '../users/users.tables';
import {
  conversationMembers,
  conversations,
  messages,
  type ConversationRow,
  type MemberRow,
  type MessageRow,
} from './chat.tables';

export interface NewMessage {
  conversationId: string;
  senderId: string | null;
  clientMsgId: string | null;
  kind: MessageKind;
  body: Record<string, unknown>;
  mentions?: string[];
}

/**
 * Stores a message with the next per-conversation seq. The seq comes from `conversations.last_seq`, bumped by an
 * UPDATE in the same transaction: the row lock orders concurrent senders, and a rolled-back transaction gives its seq
 * back, so seqs are strictly increasing with no gaps. Returns undefined when (sender, clientMsgId) already exists
 * (a concurrent retry won); the caller must then roll back so the seq is not spent.
 */
export async function appendMessage(tx: Tx, message: NewMessage): Promise<MessageRow | undefined> {
  const [conv] = await tx
    .update(conversations)
    .set({ lastSeq: sql`${conversations.lastSeq} + 1`, updatedAt: sql`now()` })
    .where(eq(conversations.id, message.conversationId))
    .returning({ lastSeq: conversations.lastSeq });
  if (!conv) return undefined;
  const [row] = await tx
    .insert(messages)
    .values({ ...message, mentions: message.mentions?.length ? message.mentions : null, seq: conv.lastSeq })
    .onConflictDoNothing({ target: [messages.senderId, messages.clientMsgId] })
    .returning();
  return row;
}

export async function findMessageByClientId(
  db: Db | Tx,
  senderId: string,
  clientMsgId: string,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.senderId, senderId), eq(messages.clientMsgId, clientMsgId)));
  return row;
}

export async function findMessage(db: Db | Tx, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

export async function findConversation(db: Db | Tx, id: string, lock = false): Promise<ConversationRow | undefined> {
  const query = db.select().from(conversations).where(eq(conversations.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findMembership(
  db: Db | Tx,
  conversationId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(conversationMembers)
    .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)));
  return row;
}

export async function activeMemberIds(db: Db | Tx, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: conversationMembers.userId })
    .from(conversationMembers)
    .where(and(eq(conversationMembers.conversationId, conversationId), isNull(conversationMembers.leftAt)));
  return rows.map((r) => r.userId);
}

export async function membersWithUsers(db: Db | Tx, conversationId: string) {
  return db
    .select({ member: conversationMembers, user: users })
    .from(conversationMembers)
    .innerJoin(users, eq(users.id, conversationMembers.userId))
    .where(and(eq(conversationMembers.conversationId, conversationId), isNull(conversationMembers.leftAt)))
    .orderBy(asc(conversationMembers.joinedAt));
}

/** Every conversation the user is or was in, newest activity first. */
export async function membershipsOf(db: Db, userId: string, limit = 200) {
  return db
    .select({ member: conversationMembers, conversation: conversations })
    .from(conversationMembers)
    .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
    .where(eq(conversationMembers.userId, userId))
    .orderBy(desc(conversations.updatedAt))
    .limit(limit);
}

/** The seq range a member may read: from joining to leaving (or the newest message). */
export function readableRange(
  member: MemberRow,
  conversation: Pick<ConversationRow, 'lastSeq'>,
): { from: number; to: number } {
  return { from: member.fromSeq, to: member.toSeq ?? conversation.lastSeq };
}

export interface SeqWindow {
  conversationId: string;
  /** Exclusive. */
  after: number;
  /** Inclusive. */
  upTo: number;
}

function windowCondition(w: SeqWindow): SQL {
  return and(eq(messages.conversationId, w.conversationId), gt(messages.seq, w.after), lte(messages.seq, w.upTo))!;
}

/** Messages inside the windows, ordered by conversation then seq. */
export async function messagesInWindows(db: Db, windows: SeqWindow[], limit: number): Promise<MessageRow[]> {
  if (!windows.length) return [];
  return db
    .select()
    .from(messages)
    .where(or(...windows.map(windowCondition)))
    .orderBy(asc(messages.conversationId), asc(messages.seq))
    .limit(limit);
}

/** Per conversation: messages from others in the window, and those that mention the user. */
export async function unreadCounts(db: Db, userId: string, windows: SeqWindow[]) {
  if (!windows.length) return new Map<string, { unread: number; mentions: number }>();
  const rows = await db
    .select({
      conversationId: messages.conversationId,
      unread: sql<number>`count(*) filter (where ${messages.senderId} is distinct from ${userId})::int`,
      mentions: sql<number>`count(*) filter (where ${userId}::uuid = any(${messages.mentions}) and ${messages.recalledAt} is null)::int`,
    })
    .from(messages)
    .where(or(...windows.map(windowCondition)))
    .groupBy(messages.conversationId);
  return new Map(rows.map((r) => [r.conversationId, { unread: r.unread, mentions: r.mentions }]));
}

export async function messagesAt(db: Db, keys: Array<{ conversationId: string; seq: number }>): Promise<MessageRow[]> {
  if (!keys.length) return [];
  return db
    .select()
    .from(messages)
    .where(or(...keys.map((k) => and(eq(messages.conversationId, k.conversationId), eq(messages.seq, k.seq)))));
}

/** History page: up to `limit` messages before `beforeSeq` within the readable range, oldest first. */
export async function historyPage(
  db: Db,
  conversationId: string,
  range: { from: number; to: number },
  beforeSeq: number,
  limit: number,
): Promise<{ rows: MessageRow[]; more: boolean }> {
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        gte(messages.seq, range.from),
        lte(messages.seq, range.to),
        lt(messages.seq, beforeSeq),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit).reverse(), more: rows.length > limit };
}

export async function peersOf(db: Db, conversationIds: string[], userId: string) {
  if (!conversationIds.length) return [];
  return db
    .select({ member: conversationMembers, user: users })
    .from(conversationMembers)
    .innerJoin(users, eq(users.id, conversationMembers.userId))
    .where(
      and(
        inArray(conversationMembers.conversationId, conversationIds),
        sql`${conversationMembers.userId} <> ${userId}`,
      ),
    );
}
