import { z } from 'zod';

/**
 * The Hello app's own API between its page and its backend (not the platform's): the page sends a login code and
 * gets a session token; everything after that names the person by that token, never by an openId the page sends.
 */

/** The largest order the demo backend creates (¥1): it is a demo, and the amount is decided here, not in the page. */
export const MAX_HELLO_ORDER_FEN = 100;
/** The service-message template the page asks consent for and the backend sends. */
export const HELLO_TEMPLATE_ID = 'hello_update';
/** The app's launch config (`context.config`), set by whoever runs the backend: where the page finds it. */
export const HelloConfigSchema = z.object({ backendUrl: z.url() });
export type HelloConfig = z.infer<typeof HelloConfigSchema>;

export const SessionRequestSchema = z.object({ code: z.string().min(1).max(256) }).strict();
export const SessionResponseSchema = z.object({ token: z.string(), openId: z.string(), expiresAt: z.iso.datetime() });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const CreateHelloOrderSchema = z
  .object({ amountFen: z.int().positive().max(MAX_HELLO_ORDER_FEN, `At most ${MAX_HELLO_ORDER_FEN} fen`) })
  .strict();

/** The backend's view of an order: `status` changes only when a verified webhook says so. */
export const HelloOrderSchema = z.object({
  orderId: z.string(),
  outTradeNo: z.string(),
  amountFen: z.int(),
  refundedFen: z.int(),
  status: z.enum(['pending', 'paid', 'refunded', 'closed']),
  refundRequested: z.boolean(),
  createdAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
  /** The webhook events applied to this order, oldest first. */
  events: z.array(z.object({ id: z.string(), type: z.string() })),
});
export type HelloOrder = z.infer<typeof HelloOrderSchema>;

export const NotifyResponseSchema = z.object({ messageId: z.string() });

export interface HelloErrorBody {
  error: { code: string; message: string };
}
