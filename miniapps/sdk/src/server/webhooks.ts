import type { WebhookEvent } from '@app/shared/openapi';
import express, { type RequestHandler } from 'express';
import { verifyWebhook, WebhookVerificationError } from '../webhook';

/**
 * Where the ids of applied events live. `applyOnce` records the id with a unique insert and runs `apply` in the
 * same transaction, so an event is applied exactly once however many deliveries of it arrive together: a second
 * insert waits for the first transaction and then finds the id taken. If `apply` throws, nothing is recorded and
 * the platform's retry applies it later. `drizzleWebhookEvents` from `@app/miniapp-sdk/db` is the ready one.
 */
export interface WebhookEventStore<Tx> {
  applyOnce(event: WebhookEvent, apply: (tx: Tx) => Promise<void>): Promise<'applied' | 'duplicate'>;
}

export interface WebhookReceiverOptions<Tx> {
  /** Events for another app are refused. */
  appId: string;
  /** The app secret (several while you rotate it). */
  secret: string | readonly string[];
  store: WebhookEventStore<Tx>;
  /** Applies one verified, new event inside the store's transaction. Throw to have the platform retry it. */
  handle(event: WebhookEvent, tx: Tx): Promise<void>;
  /** Told about every delivery: applied, duplicate or rejected (with the reason). */
  onDelivery?(outcome: {
    eventId?: string;
    type?: string;
    result: 'applied' | 'duplicate' | 'rejected';
    reason?: string;
  }): void;
  /** 300 s by default, as the platform requires. */
  toleranceSeconds?: number;
  /** For tests. */
  now?: () => Date;
}

const rawBody = express.raw({ type: () => true, limit: '256kb' });

/**
 * The express handler for the app's webhook URL: reads the raw body (mount it before any JSON parser, or on its
 * own path), verifies `X-Signature` (HMAC-SHA256 with the app secret, at most 300 s old) and the body, refuses events
 * of another app, then applies each event once through the store and `handle`. It answers 200 only after the
 * event is committed (`{received:true}`, or `{received:true, duplicate:true}` for an event applied before), 400
 * `webhook_rejected` for anything unverifiable, and passes `handle`'s errors to express (a 5xx: the platform retries
 * with backoff for 24 h).
 *
 * @example
 * import { webhookReceiver } from '@app/miniapp-sdk/server';
 * import { drizzleWebhookEvents } from '@app/miniapp-sdk/db';
 *
 * app.post(
 *   '/webhooks',
 *   webhookReceiver({
 *     appId: env.appId,
 *     secret: env.appSecret,
 *     store: drizzleWebhookEvents(database.db, tables.webhookEvents),
 *     handle: async (event, tx) => {
 *       if (event.type === 'payment.succeeded')
 *         await tx.update(orders).set({ status: 'paid' }).where(eq(orders.orderId, event.data.order.orderId));
 *     },
 *   }),
 * );
 */
export function webhookReceiver<Tx>(options: WebhookReceiverOptions<Tx>): RequestHandler {
  const reject = (res: express.Response, message: string) => {
    options.onDelivery?.({ result: 'rejected', reason: message });
    res.status(400).json({ error: { code: 'webhook_rejected', message } });
  };
  const receive: RequestHandler = async (req, res) => {
    if (!Buffer.isBuffer(req.body))
      throw new TypeError('webhookReceiver needs the raw body: mount it before express.json() or on its own path');
    let event: WebhookEvent;
    try {
      event = verifyWebhook({
        rawBody: req.body,
        signatureHeader: req.headers['x-signature'],
        eventIdHeader: req.headers['x-event-id'],
        secret: options.secret,
        toleranceSeconds: options.toleranceSeconds,
        now: options.now?.(),
      });
    } catch (err) {
      if (err instanceof WebhookVerificationError) return reject(res, err.message);
      throw err;
    }
    if (event.appId !== options.appId) return reject(res, 'The event is for another app');
    const result = await options.store.applyOnce(event, (tx) => options.handle(event, tx));
    options.onDelivery?.({ eventId: event.id, type: event.type, result });
    res.status(200).json(result === 'duplicate' ? { received: true, duplicate: true } : { received: true });
  };
  return (req, res, next) => {
    rawBody(req, res, (err?: unknown) => {
      if (err) return next(err);
      Promise.resolve(receive(req, res, next)).catch(next);
    });
  };
}
