import { z } from 'zod';
import { CursorSchema } from '../input/rules';
import { WebhookEventTypeSchema } from './payments.webhooks';

/** Payments in the developer portal (the app's owner, user access token): webhook deliveries, the merchant account. */

/** A delivery attempt record, shown to the developer. */
export const WebhookDeliverySchema = z.object({
  eventId: z.string(),
  type: WebhookEventTypeSchema,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.int(),
  lastStatus: z.int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** `GET /api/dev/apps/:appId/webhooks`: the app's most recent events, newest first. */
export const WebhookDeliveryListSchema = z.object({ deliveries: z.array(WebhookDeliverySchema) });

/** `GET /api/dev/apps/:appId/merchant?cursor&limit`. */
export const MerchantQuerySchema = z.object({
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** `GET /api/dev/apps/:appId/merchant`: the app's merchant account and its journal (newest first). */
export const MerchantLineSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** Signed: positive = money in. */
  amountFen: z.int(),
  balanceAfterFen: z.int(),
  memo: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type MerchantLine = z.infer<typeof MerchantLineSchema>;
export const MerchantSchema = z.object({
  balanceFen: z.int(),
  lines: z.array(MerchantLineSchema),
  nextCursor: z.string().nullable(),
});
export type Merchant = z.infer<typeof MerchantSchema>;
