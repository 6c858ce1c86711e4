import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables';

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type', { enum: ['direct', 'group', 'service'] }).notNull(),
    title: text('title'),
    announcement: text('announcement'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** For direct chats: "<smaller user id>:<larger user id>", so a pair has exactly one conversation. */
    directKey: text('direct_key').unique(),
    /** For the per-user "Service notifications" conversation: its one member, so each person has exactly one. */
    serviceUserId: uuid('service_user_id')
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The seq of the newest message; bumped in the transaction that stores the message (row lock = ordering). */
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    memberCount: integer('member_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('conversations_type_valid', sql`${t.type} in ('direct', 'group', 'service')`),
    check('conversations_direct_key', sql`(${t.type} = 'direct') = (${t.directKey} is not null)`),
    check('conversations_service_user', sql`(${t.type} = 'service') = (${t.serviceUserId} is not null)`),
    check('conversations_member_count', sql`${t.memberCount} between 0 and 500`),
  ],
);

export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'member'] })
      .notNull()
      .default('member'),
    /** First seq this member may read (history before joining stays private). */
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull().default(1),
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the member left or was removed; the row stays so the conversation can be shown read-only. */
    leftAt: timestamp('left_at', { withTimezone: true }),
    /** Last seq a member who left may read (the system line saying they left). */
    toSeq: bigint('to_seq', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('conversation_members_user_idx').on(t.userId)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** Null for system lines. */
    senderId: uuid('sender_id').references(() => users.id, { onDelete: 'set null' }),
    clientMsgId: uuid('client_msg_id'),
    kind: text('kind', {
      enum: ['text', 'image', 'redpacket', 'transfer', 'miniapp_card', 'system', 'service'],
    }).notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    mentions: uuid('mentions').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    recalledAt: timestamp('recalled_at', { withTimezone: true }),
  },
  (t) => [
    unique('messages_conversation_seq_uq').on(t.conversationId, t.seq),
    // A retried send (same sender, same clientMsgId) finds the stored message instead of making a copy.
    unique('messages_sender_client_msg_uq').on(t.senderId, t.clientMsgId),
    check('messages_seq_positive', sql`${t.seq} > 0`),
  ],
);

export const uploads = pgTable('uploads', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerId: uuid('owner_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ConversationRow = typeof conversations.$inferSelect;
export type MemberRow = typeof conversationMembers.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type UploadRow = typeof uploads.$inferSelect;
