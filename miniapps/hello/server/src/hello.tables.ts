import { appSchema, kitTables } from '@app/miniapp-sdk/db';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Hello's own tables, in its own Postgres schema `app_hello` (docs/adr/0006-app-owned-databases.md). Migrations:
 * `pnpm --filter @app/miniapp-hello db:generate` writes them to server/drizzle.
 */
export const hello = appSchema('hello');

/** Session tokens (hashed) and the ids of webhook events already applied: the server kit's tables. */
export const { sessions, webhookEvents } = kitTables(hello);

export const ORDER_STATUSES = ['pending', 'paid', 'refunded', 'closed'] as const;

/** Hello's view of its orders: `status`, `refundedFen` and `paidAt` change only when a verified webhook says so. */
export const orders = hello.table(
  'orders',
  {
    orderId: text('order_id').primaryKey(),
    outTradeNo: text('out_trade_no').notNull().unique(),
    openId: text('open_id').notNull(),
    amountFen: integer('amount_fen').notNull(),
    refundedFen: integer('refunded_fen').notNull().default(0),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('pending'),
    refundRequested: boolean('refund_requested').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [
    index('orders_open_id_idx').on(t.openId),
    check('orders_amount_positive', sql`${t.amountFen} > 0`),
    check('orders_refund_within_amount', sql`${t.refundedFen} between 0 and ${t.amountFen}`),
  ],
);

/** The webhook events applied to each order, in the order they were applied. */
export const orderEvents = hello.table(
  'order_events',
  {
    eventId: text('event_id')
      .primaryKey()
      .references(() => webhookEvents.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.orderId),
    type: text('type').notNull(),
    seq: integer('seq').generatedAlwaysAsIdentity(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_events_order_id_idx').on(t.orderId, t.seq)],
);
