import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
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

/**
 * Every holder of money: a user's wallet, a mini-program's merchant account, the platform escrow (money in flight)
 * and the external world (sandbox top-ups come from it, so its balance goes negative). Only `external` may go below
 * zero — enforced here, so no code path can overdraw, whatever it forgets to check.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['user', 'merchant', 'escrow', 'external'] }).notNull(),
    /** The user (or, later, the mini-program) owning it; null for the platform's own accounts. */
    ownerId: uuid('owner_id'),
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('accounts_kind_owner_uq').on(t.kind, t.ownerId).nullsNotDistinct(),
    check('accounts_kind_valid', sql`${t.kind} in ('user', 'merchant', 'escrow', 'external')`),
    check('accounts_no_overdraft', sql`${t.kind} = 'external' or ${t.balanceFen} >= 0`),
  ],
);

/** One money movement; its lines sum to zero (double entry). Immutable: never updated or deleted. */
export const journalEntries = pgTable('journal_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  /** What the movement belongs to (a transfer, a red packet, an order…). */
  refId: uuid('ref_id'),
  memo: text('memo'),
  conversationId: uuid('conversation_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const journalLines = pgTable(
  'journal_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    /** Signed: added to the account's balance. */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    balanceAfterFen: bigint('balance_after_fen', { mode: 'number' }).notNull(),
    counterpartyId: uuid('counterparty_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('journal_lines_account_idx').on(t.accountId, t.id),
    index('journal_lines_entry_idx').on(t.entryId),
    check('journal_lines_nonzero', sql`${t.amountFen} <> 0`),
  ],
);

export const walletPins = pgTable('wallet_pins', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  pinHash: text('pin_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Stored responses of money POSTs, so a retried request gets the first answer (kept ≥ 24 h). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    /** Null while the first request is still running (or died before it finished). */
    status: integer('status'),
    response: jsonb('response'),
    /**
     * The running request's claim: its outcome is stored only under this token, and once `lease_until` has passed
     * without an outcome (the node died mid-request) a retry takes the key over with a new token.
     */
    leaseToken: uuid('lease_token'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

export type AccountRow = typeof accounts.$inferSelect;
