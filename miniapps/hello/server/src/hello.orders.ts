import type { AppDb, AppTx } from '@app/miniapp-sdk/db';
import type { WebhookEvent } from '@app/miniapp-sdk/server';
import { asc, eq, sql } from 'drizzle-orm';
import type { HelloOrder } from '../../common/api';
import type * as tables from './hello.tables';
import { orderEvents, orders } from './hello.tables';

export type HelloDb = AppDb<typeof tables>;
export type HelloTx = AppTx<typeof tables>;
type OrderRow = typeof orders.$inferSelect;

export interface StoredOrder extends HelloOrder {
  openId: string;
}

/** Hello's orders in its own database. Amounts and states change only here, in SQL, never read-then-written. */
export function helloOrders(db: HelloDb) {
  async function eventsOf(orderId: string): Promise<HelloOrder['events']> {
    return db
      .select({ id: orderEvents.eventId, type: orderEvents.type })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.seq));
  }
  async function withEvents(row: OrderRow | undefined): Promise<StoredOrder | undefined> {
    return row && present(row, await eventsOf(row.orderId));
  }
  return {
    async create(order: { orderId: string; outTradeNo: string; openId: string; amountFen: number }) {
      const [row] = await db.insert(orders).values(order).returning();
      return present(row!, []);
    },
    async find(orderId: string): Promise<StoredOrder | undefined> {
      const [row] = await db.select().from(orders).where(eq(orders.orderId, orderId)).limit(1);
      return withEvents(row);
    },
    async markRefundRequested(orderId: string): Promise<StoredOrder | undefined> {
      const [row] = await db
        .update(orders)
        .set({ refundRequested: true })
        .where(eq(orders.orderId, orderId))
        .returning();
      return withEvents(row);
    },
  };
}

/**
 * Applies a verified webhook event to the order it names, inside the webhook store's transaction; false if Hello
 * does not know that order. Deliveries may arrive out of order: a refund never lowers what a newer event said, and
 * a late payment event never takes a refunded order back to paid.
 */
export async function applyOrderEvent(tx: HelloTx, event: WebhookEvent): Promise<boolean> {
  const remote = event.data.order;
  const paidAt = remote.paidAt ?? event.createdAt;
  const refunded = sql`greatest(${orders.refundedFen}, ${event.type === 'refund.succeeded' ? remote.refundedAmount : 0})`;
  const [updated] = await tx
    .update(orders)
    .set({
      refundedFen: sql`least(${refunded}, ${orders.amountFen})`,
      status: sql`case when ${refunded} >= ${orders.amountFen} then 'refunded'
                       when ${orders.status} = 'pending' then 'paid' else ${orders.status} end`,
      paidAt: sql`coalesce(${orders.paidAt}, ${paidAt}::timestamptz)`,
    })
    .where(eq(orders.orderId, remote.orderId))
    .returning({ orderId: orders.orderId });
  if (!updated) return false;
  await tx.insert(orderEvents).values({ eventId: event.id, orderId: remote.orderId, type: event.type });
  return true;
}

/** Strips what the page does not need to see (the openId stays on the backend). */
export function presentOrder(order: StoredOrder): HelloOrder {
  const { openId: _openId, ...view } = order;
  return view;
}

function present(row: OrderRow, events: HelloOrder['events']): StoredOrder {
  return {
    orderId: row.orderId,
    outTradeNo: row.outTradeNo,
    openId: row.openId,
    amountFen: row.amountFen,
    refundedFen: row.refundedFen,
    status: row.status,
    refundRequested: row.refundRequested,
    createdAt: row.createdAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    events,
  };
}
