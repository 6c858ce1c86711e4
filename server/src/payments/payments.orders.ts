import {
  ORDER_TTL_SECONDS,
  type CashierOrder,
  type CreateOrder,
  type CreateRefund,
  type OpenOrder,
  type Refund,
} from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { ChatService } from '../chat/chat.service';
import { miniapps } from '../miniapps/miniapps.tables';
import { databaseErrorOf } from '../platform/db-errors';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { postEntry, userAccount } from '../wallet/wallet.ledger';
import { notifyBalances } from '../wallet/wallet.notify';
import type { PaymentPins } from '../wallet/wallet.pin';
import { merchantAccount, newId, userOfOpenId } from './payments.ids';
import { effectiveStatus, presentCashierOrder, presentOpenOrder, presentRefund } from './payments.presenter';
import { paymentOrders, paymentRefunds, type OrderRow } from './payments.tables';
import type { Webhooks } from './payments.webhooks';
import { settleIdempotent } from '../wallet/wallet.idempotency';

const UNIQUE_VIOLATION = '23505';

export interface OrdersDeps {
  db: Db;
  chat: ChatService;
  pins: PaymentPins;
  webhooks: Webhooks;
}

/**
 * Orders (DESIGN §6): the app's backend creates, queries, closes and refunds them over the Open API; the person pays
 * them in the host's cashier. Every money movement is one transaction holding the order's row lock, which also
 * writes the webhook event (outbox), so "paid" and "the event exists" commit together or not at all.
 */
export class Orders {
  constructor(private readonly deps: OrdersDeps) {}

  /** Idempotent on (app, outTradeNo): the same fields give the same order (`created: false`), others `conflict`. */
  async create(appId: string, input: CreateOrder): Promise<{ created: boolean; order: OrderRow }> {
    const { db } = this.deps;
    const userId = await userOfOpenId(db, appId, input.openId);
    const [inserted] = await db
      .insert(paymentOrders)
      .values({
        id: newId('ord'),
        appId,
        outTradeNo: input.outTradeNo,
        openId: input.openId,
        userId,
        amountFen: input.amount,
        description: input.description,
        expiresAt: new Date(Date.now() + ORDER_TTL_SECONDS * 1000),
      })
      .onConflictDoNothing({ target: [paymentOrders.appId, paymentOrders.outTradeNo] })
      .returning();
    if (inserted) return { created: true, order: inserted };
    const existing = await this.find(db, appId, { outTradeNo: input.outTradeNo });
    const same =
      existing.agreementId === null &&
      existing.openId === input.openId &&
      existing.amountFen === input.amount &&
      existing.description === input.description;
    if (!same) throw new AppError('conflict', 'This outTradeNo was already used for a different order');
    return { created: false, order: existing };
  }

  async get(appId: string, orderId: string): Promise<OpenOrder> {
    return presentOpenOrder(await this.find(this.deps.db, appId, { orderId }));
  }

  /** Closes a pending order (expired ones too); closing a closed order again is a no-op. */
  async close(appId: string, orderId: string): Promise<OpenOrder> {
    const [row] = await this.deps.db
      .update(paymentOrders)
      .set({ status: 'closed', closedAt: sql`now()` })
      .where(and(eq(paymentOrders.id, orderId), eq(paymentOrders.appId, appId), eq(paymentOrders.status, 'pending')))
      .returning();
    if (row) return presentOpenOrder(row);
    const current = await this.find(this.deps.db, appId, { orderId });
    if (current.status === 'closed') return presentOpenOrder(current);
    throw new AppError('wrong_state', `The order is ${current.status}; refund it instead of closing it`);
  }

  /**
   * Refunds part or all of a paid order, merchant → person, idempotent on (app, outRefundNo). The order's row lock
   * serializes concurrent refunds, so their sum never passes the paid amount (and a CHECK backs that up).
   */
  async refund(appId: string, orderId: string, input: CreateRefund): Promise<{ created: boolean; refund: Refund }> {
    const { db } = this.deps;
    let result: { created: boolean; refund: Refund; userId: string };
    try {
      result = await db.transaction(async (tx) => {
        const order = await this.find(tx, appId, { orderId }, true);
        const [prior] = await tx
          .select()
          .from(paymentRefunds)
          .where(and(eq(paymentRefunds.appId, appId), eq(paymentRefunds.outRefundNo, input.outRefundNo)));
        if (prior) {
          if (prior.orderId !== orderId || prior.amountFen !== input.amount)
            throw new AppError('conflict', 'This outRefundNo was already used for a different refund');
          return { created: false, refund: presentRefund(prior), userId: order.userId };
        }
        if (order.status !== 'paid' && order.status !== 'refunded')
          throw new AppError('wrong_state', `Only paid orders can be refunded (this one is ${effectiveStatus(order)})`);
        if (order.refundedFen + input.amount > order.amountFen) {
          throw new AppError(
            'refund_exceeds_paid',
            `At most ${order.amountFen - order.refundedFen} fen of this order can still be refunded`,
          );
        }
        const entryId = await postEntry(tx, { kind: 'refund', memo: `Refund: ${order.description}` }, [
          { accountId: await merchantAccount(tx, appId), amountFen: -input.amount },
          { accountId: await userAccount(tx, order.userId), amountFen: input.amount },
        ]);
        const [refundRow] = await tx
          .insert(paymentRefunds)
          .values({
            id: newId('ref'),
            orderId,
            appId,
            outRefundNo: input.outRefundNo,
            amountFen: input.amount,
            reason: input.reason ?? null,
            entryId,
          })
          .returning();
        const refunded = order.refundedFen + input.amount;
        const [updated] = await tx
          .update(paymentOrders)
          .set({ refundedFen: refunded, status: refunded === order.amountFen ? 'refunded' : 'paid' })
          .where(eq(paymentOrders.id, orderId))
          .returning();
        const refund = presentRefund(refundRow!);
        await this.deps.webhooks.enqueue(tx, appId, 'refund.succeeded', { order: presentOpenOrder(updated!), refund });
        return { created: true, refund, userId: order.userId };
      });
    } catch (err) {
      // The same outRefundNo on another order of the app, committed between our read and insert.
      if (databaseErrorOf(err)?.code === UNIQUE_VIOLATION)
        throw new AppError('conflict', 'This outRefundNo was already used for a different refund');
      throw err;
    }
    if (result.created) await notifyBalances(db, this.deps.chat, [result.userId]);
    return { created: result.created, refund: result.refund };
  }

  /** What the host's cashier shows: only the order's own person may see it (anyone else: `not_found`). */
  async cashier(userId: string, orderId: string): Promise<CashierOrder> {
    const { order, app } = await this.ownOrder(userId, orderId);
    return presentCashierOrder(order, app);
  }

  /**
   * The person pays with their PIN: wallet → the app's merchant account. The status change is a conditional UPDATE
   * (pending and not expired) in the same transaction as the money and the webhook event, so of any number of
   * concurrent pays exactly one moves money; the others get `order_not_payable`.
   */
  async pay(userId: string, orderId: string, pin: string): Promise<CashierOrder> {
    const { db, pins, webhooks } = this.deps;
    const { order, app } = await this.ownOrder(userId, orderId);
    if (effectiveStatus(order) !== 'pending') throw notPayable(order);
    await pins.verify(userId, pin);
    const paid = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(paymentOrders)
        .set({ status: 'paid', paidAt: sql`now()` })
        .where(
          and(
            eq(paymentOrders.id, orderId),
            eq(paymentOrders.status, 'pending'),
            sql`${paymentOrders.expiresAt} > now()`,
          ),
        )
        .returning();
      if (!row) throw notPayable((await this.find(tx, order.appId, { orderId }))!);
      const entryId = await postEntry(tx, { kind: 'payment', memo: `${app.name}: ${row.description}` }, [
        { accountId: await userAccount(tx, userId), amountFen: -row.amountFen },
        { accountId: await merchantAccount(tx, row.appId), amountFen: row.amountFen },
      ]);
      const [withEntry] = await tx
        .update(paymentOrders)
        .set({ paymentEntryId: entryId })
        .where(eq(paymentOrders.id, orderId))
        .returning();
      await webhooks.enqueue(tx, row.appId, 'payment.succeeded', { order: presentOpenOrder(withEntry!) });
      const presented = presentCashierOrder(withEntry!, app);
      await settleIdempotent(tx, presented);
      return presented;
    });
    await notifyBalances(db, this.deps.chat, [userId]);
    return paid;
  }

  private async ownOrder(userId: string, orderId: string) {
    const [row] = await this.deps.db
      .select({ order: paymentOrders, app: miniapps })
      .from(paymentOrders)
      .innerJoin(miniapps, eq(miniapps.appId, paymentOrders.appId))
      .where(and(eq(paymentOrders.id, orderId), eq(paymentOrders.userId, userId)));
    if (!row) throw new AppError('not_found', 'No such order');
    // A suspended app takes no money, not even for an order it created before it was suspended.
    if (row.app.status !== 'active') throw new AppError('forbidden', 'This mini-program is suspended');
    return row;
  }

  private async find(
    db: Db | Tx,
    appId: string,
    by: { orderId: string } | { outTradeNo: string },
    lock = false,
  ): Promise<OrderRow> {
    const query = db
      .select()
      .from(paymentOrders)
      .where(
        and(
          eq(paymentOrders.appId, appId),
          'orderId' in by ? eq(paymentOrders.id, by.orderId) : eq(paymentOrders.outTradeNo, by.outTradeNo),
        ),
      );
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new AppError('not_found', 'No such order of your app');
    return row;
  }
}

function notPayable(order: OrderRow): AppError {
  const status = effectiveStatus(order);
  const why = status === 'closed' && order.status === 'pending' ? 'has expired' : `is ${status}`;
  return new AppError('order_not_payable', `This order ${why} and cannot be paid`);
}
