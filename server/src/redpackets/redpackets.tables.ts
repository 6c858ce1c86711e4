import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { conversations } from '../chat/chat.tables';
import { users } from '../users/users.tables';

export const redPackets = pgTable(
  'red_packets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    type: text('type', { enum: ['single', 'lucky', 'equal'] }).notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    shares: integer('shares').notNull(),
    greeting: text('greeting').notNull(),
    /** The recipient of a 1:1 packet. */
    recipientId: uuid('recipient_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the unclaimed rest went back to the sender. */
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
  },
  (t) => [
    check('red_packets_total', sql`${t.totalFen} between 1 and 20000`),
    check('red_packets_shares', sql`${t.shares} between 1 and 100 and ${t.totalFen} >= ${t.shares}`),
    index('red_packets_open_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.refundedAt} is null`),
  ],
);

/** The shares, split when the packet is sent; a claim takes one unclaimed row (row lock, SKIP LOCKED). */
export const redPacketShares = pgTable(
  'red_packet_shares',
  {
    packetId: uuid('packet_id')
      .notNull()
      .references(() => redPackets.id),
    idx: integer('idx').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    claimedBy: uuid('claimed_by').references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('red_packet_shares_pk').on(t.packetId, t.idx),
    // Nobody takes two shares of one packet.
    uniqueIndex('red_packet_shares_claimer_uq').on(t.packetId, t.claimedBy),
    check('red_packet_shares_amount', sql`${t.amountFen} >= 1`),
  ],
);

export type RedPacketRow = typeof redPackets.$inferSelect;
