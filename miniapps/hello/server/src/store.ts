import { randomBytes } from 'node:crypto';
import type { WebhookEvent } from '@app/shared/openapi';
import type { HelloOrder } from '../../common/api';

/** A session lives as long as an app token: the page logs in again after that. */
export const SESSION_TTL_MS = 2 * 60 * 60 * 1000;
/** Remember this many webhook event ids for deduplication (retries of one event reuse its id). */
const SEEN_EVENTS_CAP = 10_000;

export interface StoredOrder extends HelloOrder {
  openId: string;
}

/**
 * Hello's own tables, kept in memory: this example forgets its sessions and orders when it restarts (the platform
 * keeps the money and the order history; the bundled hospital, transit and merchant apps keep theirs in a database).
 */
export class HelloStore {
  private readonly sessions = new Map<string, { openId: string; expiresAt: number }>();
  private readonly orders = new Map<string, StoredOrder>();
  private readonly seenEvents = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  createSession(openId: string): { token: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + SESSION_TTL_MS;
    this.sessions.set(token, { openId, expiresAt });
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** The openId behind a session token, if it is known and current. */
  session(token: string): string | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return session.openId;
  }

  addOrder(order: StoredOrder): void {
    this.orders.set(order.orderId, order);
  }

  order(orderId: string): StoredOrder | undefined {
    return this.orders.get(orderId);
  }

  /**
   * Records an event id; false if it was already seen (a retry, or a replay inside the signature tolerance).
   * The oldest ids are forgotten past the cap — by then the 300 s signature window has long closed for them.
   */
  firstSighting(eventId: string): boolean {
    if (this.seenEvents.has(eventId)) return false;
    this.seenEvents.add(eventId);
    if (this.seenEvents.size > SEEN_EVENTS_CAP) this.seenEvents.delete(this.seenEvents.values().next().value!);
    return true;
  }

  /** Applies a verified event to the order it names; undefined if this backend does not know that order. */
  applyEvent(event: WebhookEvent): StoredOrder | undefined {
    const order = this.orders.get(event.data.order.orderId);
    if (!order) return undefined;
    const remote = event.data.order;
    if (event.type === 'payment.succeeded' || event.type === 'debit.succeeded') {
      if (order.status === 'pending') order.status = 'paid';
      order.paidAt ??= remote.paidAt ?? event.createdAt;
    } else if (event.type === 'refund.succeeded') {
      // Deliveries may arrive out of order: never let an older event lower what a newer one said.
      order.refundedFen = Math.max(order.refundedFen, remote.refundedAmount);
      order.paidAt ??= remote.paidAt;
      if (order.refundedFen >= order.amountFen) order.status = 'refunded';
      else if (order.status === 'pending') order.status = 'paid';
    }
    order.events.push({ id: event.id, type: event.type });
    return order;
  }
}

/** Strips what the page does not need to see. */
export function presentOrder(order: StoredOrder): HelloOrder {
  const { openId: _openId, ...view } = order;
  return { ...view, events: [...view.events] };
}
