import type { CashierOrder, OpenOrder, Refund } from '@app/shared';
import type { MiniAppRow } from '../miniapps/miniapps.tables';
import type { OrderRow, RefundRow } from './payments.tables';

/** A pending order past its expiry is shown as closed: it can never be paid. */
export function effectiveStatus(row: OrderRow, now = new Date()): OrderRow['status'] {
  return row.status === 'pending' && row.expiresAt.getTime() <= now.getTime() ? 'closed' : row.status;
}

export function presentOpenOrder(row: OrderRow): OpenOrder {
  return {
    orderId: row.id,
    outTradeNo: row.outTradeNo,
    openId: row.openId,
    amount: row.amountFen,
    refundedAmount: row.refundedFen,
    description: row.description,
    status: effectiveStatus(row),
    agreementId: row.agreementId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
  } satisfies OpenOrder;
}

export function presentCashierOrder(row: OrderRow, app: Pick<MiniAppRow, 'appId' | 'name' | 'iconUrl'>): CashierOrder {
  return {
    orderId: row.id,
    appId: app.appId,
    appName: app.name,
    appIconUrl: app.iconUrl,
    amountFen: row.amountFen,
    description: row.description,
    status: effectiveStatus(row),
    expiresAt: row.expiresAt.toISOString(),
  } satisfies CashierOrder;
}

export function presentRefund(row: RefundRow): Refund {
  return {
    refundId: row.id,
    outRefundNo: row.outRefundNo,
    orderId: row.orderId,
    amount: row.amountFen,
    status: 'succeeded',
    createdAt: row.createdAt.toISOString(),
  } satisfies Refund;
}
