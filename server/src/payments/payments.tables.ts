import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { miniapps } from '../miniapps/miniapps.tables';
import { users } from '../users/users.tables';
import { journalEntries } from '../wallet/wallet.tables';

/**
 * Orders a mini-program's backend creates (Open API) and the person pays in the host's cashier, plus the orders a
 * debit agreement charges directly (`agreement_id` set, born `paid`). `(app_id, out_trade_no)` is the app's own
 * idempotency key. The amount lives here, never in the iframe. Refunds only ever add to `refunded_fen`, and the
 * database refuses a total above the amount, whatever the code forgets.
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: text('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    outTradeNo: text('out_trade_no').notNull(),
    openId: text('open_id').notNull(),
    /** The person behind the openId, resolved when the order is created. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    refundedFen: bigint('refunded_fen', { mode: 'number' }).notNull().default(0),
    description: text('description').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'closed', 'refunded'] })
      .notNull()
      .default('pending'),
    agreementId: text('agreement_id').references(() => debitAgreements.id),
    /** The journal entry that moved the money (user → merchant). */
    paymentEntryId: uuid('payment_entry_id').references(() => journalEntries.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    unique('payment_orders_app_out_trade_no_uq').on(t.appId, t.outTradeNo),
    index('payment_orders_agreement_paid_idx').on(t.agreementId, t.paidAt),
    // The wallet statement names the app behind each payment entry (payments.entries.ts).
    index('payment_orders_payment_entry_idx').on(t.paymentEntryId),
    check('payment_orders_amount_positive', sql`${t.amountFen} > 0`),
    check('payment_orders_refund_bounds', sql`${t.refundedFen} >= 0 and ${t.refundedFen} <= ${t.amountFen}`),
    check('payment_orders_status_valid', sql`${t.status} in ('pending', 'paid', 'closed', 'refunded')`),
    check('payment_orders_paid_at', sql`(${t.status} in ('paid', 'refunded')) = (${t.paidAt} is not null)`),
  ],
);

/** Refunds of a paid order; `(app_id, out_refund_no)` is the app's idempotency key. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => paymentOrders.id),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    outRefundNo: text('out_refund_no').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    reason: text('reason'),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('payment_refunds_app_out_refund_no_uq').on(t.appId, t.outRefundNo),
    index('payment_refunds_order_idx').on(t.orderId),
    index('payment_refunds_entry_idx').on(t.entryId),
    check('payment_refunds_amount_positive', sql`${t.amountFen} > 0`),
  ],
);

/** "Ride now, pay later": the person lets one app charge up to a monthly limit without a PIN. */
export const debitAgreements = pgTable(
  'debit_agreements',
  {
    id: text('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    description: text('description').notNull(),
    monthlyLimitFen: bigint('monthly_limit_fen', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['active', 'cancelled'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('debit_agreements_user_idx').on(t.userId),
    check('debit_agreements_limit_positive', sql`${t.monthlyLimitFen} > 0`),
  ],
);

/**
 * The webhook outbox: an event row is written in the same transaction as the money it reports, so an event exists
 * if and only if the movement committed. The delivery job claims due rows by pushing `next_attempt_at` forward in a
 * conditional update (a lease), so two runs or two nodes never POST one event at the same time.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    type: text('type', { enum: ['payment.succeeded', 'refund.succeeded', 'debit.succeeded'] }).notNull(),
    /** The event exactly as POSTed (WebhookEventSchema). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_events_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_events_app_idx').on(t.appId, t.createdAt),
  ],
);

export type OrderRow = typeof paymentOrders.$inferSelect;
export type RefundRow = typeof paymentRefunds.$inferSelect;
export type AgreementRow = typeof debitAgreements.$inferSelect;
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
