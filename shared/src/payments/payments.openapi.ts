import { z } from 'zod';
import { exactText, opaqueToken, userText } from '../input/text';

/**
 * Payments on the Open API (a mini-program's backend → the platform, with its app token; DESIGN §6): orders the
 * person pays in the host's cashier, refunds, debits of signed "ride now, pay later" agreements, and subscribe
 * messages. Amounts are integer fen; the wire name is `amount` here (`amountFen` inside the host API).
 * Exported to third parties as `@app/shared/openapi`.
 */

/** An order lives this long unpaid, then it can no longer be paid (the app may create a new one). */
export const ORDER_TTL_SECONDS = 30 * 60;
/** One order at most ¥50,000. */
export const MAX_ORDER_FEN = 5_000_000;
/** The app's own reference: letters, digits, `_`, `-`, up to 64. Unique per app. */
export const OutTradeNoSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use 1–64 letters, digits, _ or -');
export const OrderIdSchema = z.string().regex(/^ord_[A-Za-z0-9]{20,32}$/, 'Not an order id');
export const AgreementIdSchema = z.string().regex(/^agr_[A-Za-z0-9]{20,32}$/, 'Not an agreement id');
export const OpenIdSchema = opaqueToken(1, 64);
export const OpenAmountSchema = z.int('Amounts are whole fen').positive('Amount must be positive').max(MAX_ORDER_FEN);
export const PaymentDescriptionSchema = userText({ min: 1, max: 128 });

export const OrderStatusSchema = z.enum(['pending', 'paid', 'closed', 'refunded']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** `POST /openapi/v1/payments/orders`: the same outTradeNo with the same fields returns the same order. */
export const CreateOrderSchema = z
  .object({
    outTradeNo: OutTradeNoSchema,
    openId: OpenIdSchema,
    amount: OpenAmountSchema,
    description: PaymentDescriptionSchema,
  })
  .strict();
export type CreateOrder = z.infer<typeof CreateOrderSchema>;
export const CreatedOrderSchema = z.object({ orderId: OrderIdSchema, expiresAt: z.iso.datetime() });
export type CreatedOrder = z.infer<typeof CreatedOrderSchema>;

/** An order as the app's backend sees it (query, close, webhooks). */
export const OpenOrderSchema = z.object({
  orderId: OrderIdSchema,
  outTradeNo: z.string(),
  openId: z.string(),
  amount: z.int(),
  /** Sum of successful refunds so far (≤ amount). */
  refundedAmount: z.int(),
  description: z.string(),
  status: OrderStatusSchema,
  /** Set for orders charged through a debit agreement. */
  agreementId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
});
export type OpenOrder = z.infer<typeof OpenOrderSchema>;

export const OrderParamsSchema = z.object({ orderId: OrderIdSchema });

/** `POST /openapi/v1/payments/orders/:orderId/refunds`: idempotent on outRefundNo; the sum never exceeds paid. */
export const CreateRefundSchema = z
  .object({ outRefundNo: OutTradeNoSchema, amount: OpenAmountSchema, reason: userText({ max: 128 }).optional() })
  .strict();
export type CreateRefund = z.infer<typeof CreateRefundSchema>;
export const RefundSchema = z.object({
  refundId: z.string(),
  outRefundNo: z.string(),
  orderId: OrderIdSchema,
  amount: z.int(),
  status: z.literal('succeeded'),
  createdAt: z.iso.datetime(),
});
export type Refund = z.infer<typeof RefundSchema>;

/** `POST /openapi/v1/payments/debits`: charge a signed agreement (no PIN), within its monthly limit. */
export const CreateDebitSchema = z
  .object({
    agreementId: AgreementIdSchema,
    outTradeNo: OutTradeNoSchema,
    amount: OpenAmountSchema,
    description: PaymentDescriptionSchema.optional(),
  })
  .strict();
export type CreateDebit = z.infer<typeof CreateDebitSchema>;

export const AgreementStatusSchema = z.enum(['active', 'cancelled']);
export const OpenAgreementSchema = z.object({
  agreementId: AgreementIdSchema,
  openId: z.string(),
  description: z.string(),
  monthlyLimit: z.int(),
  /** Charged in the current calendar month (UTC). */
  usedThisMonth: z.int(),
  status: AgreementStatusSchema,
  createdAt: z.iso.datetime(),
});
export type OpenAgreement = z.infer<typeof OpenAgreementSchema>;
export const AgreementParamsSchema = z.object({ agreementId: AgreementIdSchema });

/** `POST /openapi/v1/messages/subscribe`: spends one accepted subscription of (person, app, template). */
export const SubscribeMessageSchema = z
  .object({
    openId: OpenIdSchema,
    templateId: opaqueToken(1, 64),
    /** What the notification shows: up to 8 short label → value lines. */
    data: z
      .record(userText({ min: 1, max: 20 }), userText({ max: 200 }))
      .refine((d) => Object.keys(d).length >= 1 && Object.keys(d).length <= 8, '1 to 8 data fields'),
    /** The page the notification opens, inside the app. */
    page: exactText({ max: 512 })
      .regex(/^\/(?!\/)[^\s\\]*$/, 'Expected a path starting with "/"')
      .optional(),
  })
  .strict();
export type SubscribeMessage = z.infer<typeof SubscribeMessageSchema>;
export const SentMessageSchema = z.object({ messageId: z.uuid() });
