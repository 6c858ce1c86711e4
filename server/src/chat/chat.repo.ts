import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { isErrorCode, type ErrorCode, type MessageKind } from '@app/shared';
import { databaseErrorOf } from '../platform/db-errors';
import { AppError } from '../platform/errors';
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

/** A concurrent retry with the same (sender, clientMsgId) stored the message first: re-read the winner. */
export class DuplicateSend extends Error {}

export interface Appended {
  row: MessageRow;
  /** Active members right after the append (who should receive it). */
  memberIds: string[];
  /** False when (sender, clientMsgId) was already stored: `row` is that earlier message. */
  created: boolean;
}

const REFUSALS: Partial<Record<ErrorCode, string>> = {
  not_member: 'You are not in this conversation',
  not_friends: 'You are no longer friends; send a friend request first',
  blocked: 'Messages between you and this person are blocked',
  forbidden: 'This conversation is read-only',
  not_found: 'Conversation not found',
  conflict: 'This clientMsgId was already used for another message',
};

/**
 * Stores a message through `chat_append_message` (migration 0002): checks, the seq bump and the insert happen in
 * one atomic call — one round trip on the hot path. Refusals come back as AppErrors with the shared codes.
 */
export async function appendMessage(db: Db | Tx, message: NewMessage): Promise<Appended> {
  let result: unknown;
  try {
    result = await db.execute(sql`select chat_append_message(
      ${message.conversationId}::uuid, ${message.senderId}::uuid, ${message.clientMsgId}::uuid, ${message.kind},
      ${JSON.stringify(message.body)}::jsonb,
      (select array_agg(x::uuid) from jsonb_array_elements_text(${JSON.stringify(message.mentions ?? [])}::jsonb) x)
    ) as r`);
  } catch (err) {
    const pgError = databaseErrorOf(err);
    if (pgError?.code === 'SA409') throw new DuplicateSend();
    if (pgError?.code?.startsWith('SA4') && isErrorCode(pgError.message)) {
      throw new AppError(pgError.message, REFUSALS[pgError.message] ?? pgError.message);
    }
    throw err;
  }
  const { rows } = result as { rows: Array<{ r: AppendResult }> };
  const r = rows[0]!.r;
  return { row: messageFromJson(r.message), memberIds: r.members ?? [], created: r.created };
}

interface AppendResult {
  message: Record<string, unknown>;
  members?: string[];
  created: boolean;
}

/** A messages row as `to_jsonb` renders it (snake_case, timestamps as text). */
function messageFromJson(j: Record<string, unknown>): MessageRow {
  return {
    id: j.id as string,
    conversationId: j.conversation_id as string,
    seq: Number(j.seq),
    senderId: (j.sender_id as string | null) ?? null,
    clientMsgId: (j.client_msg_id as string | null) ?? null,
    kind: j.kind as MessageRow['kind'],
    body: j.body as Record<string, unknown>,
    mentions: (j.mentions as string[] | null) ?? null,
    createdAt: new Date(j.created_at as string),
    recalledAt: j.recalled_at ? new Date(j.recalled_at as string) : null,
  };
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

/** Per conversation: messages from others in the window (system lines are not "unread"), and @mentions of the user. */
export async function unreadCounts(db: Db, userId: string, windows: SeqWindow[]) {
  if (!windows.length) return new Map<string, { unread: number; mentions: number }>();
  const rows = await db
    .select({
      conversationId: messages.conversationId,
      unread: sql<number>`count(*) filter (where ${messages.kind} <> 'system' and ${messages.senderId} is distinct from ${userId})::int`,
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
