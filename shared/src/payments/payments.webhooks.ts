import { z } from 'zod';
import { AppIdSchema } from '../miniapps/app-id';
import { OpenOrderSchema, RefundSchema } from './payments.openapi';

/**
 * Webhooks (the platform → a mini-program's backend): signed events about its orders. Exported to third parties as
 * `@app/shared/openapi`; `@app/miniapp-sdk/webhook` verifies them.
 */

/** Receivers reject webhook signatures older than this. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
/** Webhooks are retried with backoff for this long until the receiver answers 2xx. */
export const WEBHOOK_RETRY_HOURS = 24;
export const SIGNATURE_HEADER = 'X-Signature';
export const EVENT_ID_HEADER = 'X-Event-Id';

export const WebhookEventTypeSchema = z.enum(['payment.succeeded', 'refund.succeeded', 'debit.succeeded']);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/**
 * The body of every webhook POST. `id` is unique per event and stays the same across retries: receivers
 * deduplicate on it. Signed with `X-Signature: t=<unix>,v1=<hex hmac-sha256(appSecret, t + "." + rawBody)>`.
 */
export const WebhookEventSchema = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9]{20,32}$/),
  type: WebhookEventTypeSchema,
  appId: AppIdSchema,
  createdAt: z.iso.datetime(),
  data: z.object({ order: OpenOrderSchema, refund: RefundSchema.optional() }),
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
