import { z } from 'zod';
import { AppIdSchema } from '../miniapps/miniapps.schemas';
import { PinSchema } from '../wallet/wallet.schemas';

/**
 * Payments between people and mini-programs (DESIGN §6): orders a mini-program's backend creates over the Open API
 * and the person pays in the host's cashier, refunds, "ride now, pay later" debit agreements, and the signed
 * webhooks that tell the app's backend. Amounts are integer fen everywhere. On the Open API the wire name is
 * `amount` (DESIGN §6/§11 contract), always in fen; inside the host API it is `amountFen`.
 */

/** An order lives this long unpaid, then it can no longer be paid (the app may create a new one). */
export const ORDER_TTL_SECONDS = 30 * 60;
/** One order at most ¥50,000. */
export const MAX_ORDER_FEN = 5_000_000;
/** Receivers reject webhook signatures older than this. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
/** Webhooks are retried with backoff for this long until the receiver answers 2xx. */
export const WEBHOOK_RETRY_HOURS = 24;
export const SIGNATURE_HEADER = 'X-Signature';
export const EVENT_ID_HEADER = 'X-Event-Id';

/** The app's own reference: letters, digits, `_`, `-`, up to 64. Unique per app. */
export const OutTradeNoSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use 1–64 letters, digits, _ or -');
export const OrderIdSchema = z.string().regex(/^ord_[A-Za-z0-9]{20,32}$/, 'Not an order id');
export const AgreementIdSchema = z.string().regex(/^agr_[A-Za-z0-9]{20,32}$/, 'Not an agreement id');
export const OpenIdSchema = z.string().min(1).max(64);
const OpenAmountSchema = z.int('Amounts are whole fen').positive('Amount must be positive').max(MAX_ORDER_FEN);
const DescriptionSchema = z.string().trim().min(1).max(128);

export const OrderStatusSchema = z.enum(['pending', 'paid', 'closed', 'refunded']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

// ---- Open API (app backend → platform, app access token) ----

/** `POST /openapi/v1/payments/orders`: the same outTradeNo with the same fields returns the same order. */
export const CreateOrderSchema = z
  .object({
    outTradeNo: OutTradeNoSchema,
    openId: OpenIdSchema,
    amount: OpenAmountSchema,
    description: DescriptionSchema,
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
  .object({ outRefundNo: OutTradeNoSchema, amount: OpenAmountSchema, reason: z.string().trim().max(128).optional() })
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
    description: DescriptionSchema.optional(),
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
    templateId: z.string().min(1).max(64),
    /** What the notification shows: up to 8 short label → value lines. */
    data: z
      .record(z.string().min(1).max(20), z.string().max(200))
      .refine((d) => Object.keys(d).length >= 1 && Object.keys(d).length <= 8, '1 to 8 data fields'),
    /** The page the notification opens, inside the app. */
    page: z
      .string()
      .max(512)
      .regex(/^\/(?!\/)[^\s\\]*$/, 'Expected a path starting with "/"')
      .optional(),
  })
  .strict();
export type SubscribeMessage = z.infer<typeof SubscribeMessageSchema>;
export const SentMessageSchema = z.object({ messageId: z.uuid() });

// ---- Webhooks (platform → app backend) ----

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

// ---- Host API (the person, user access token) ----

/** What the host's cashier sheet shows: from the server-side order, never from the iframe. */
export const CashierOrderSchema = z.object({
  orderId: OrderIdSchema,
  appId: AppIdSchema,
  appName: z.string(),
  appIconUrl: z.string().nullable(),
  amountFen: z.int(),
  description: z.string(),
  status: OrderStatusSchema,
  expiresAt: z.iso.datetime(),
});
export type CashierOrder = z.infer<typeof CashierOrderSchema>;

/** `POST /api/payments/orders/:orderId/pay` (Idempotency-Key). */
export const PayOrderSchema = z.object({ pin: PinSchema }).strict();
export type PayOrder = z.infer<typeof PayOrderSchema>;

/** `POST /api/payments/agreements` (Idempotency-Key): the person signs after the host's dialog and PIN. */
export const SignAgreementSchema = z
  .object({
    appId: AppIdSchema,
    monthlyLimitFen: z.int().positive().max(1_000_000),
    description: DescriptionSchema,
    pin: PinSchema,
  })
  .strict();
export type SignAgreement = z.infer<typeof SignAgreementSchema>;
export const SignedAgreementSchema = z.object({ agreementId: AgreementIdSchema });

/** `GET /api/payments/agreements`: the person's agreements (Me → Wallet → Automatic payments); DELETE cancels one. */
export const HostAgreementSchema = z.object({
  agreementId: AgreementIdSchema,
  appId: AppIdSchema,
  appName: z.string(),
  description: z.string(),
  monthlyLimitFen: z.int(),
  usedThisMonthFen: z.int(),
  status: AgreementStatusSchema,
  createdAt: z.iso.datetime(),
});
export type HostAgreement = z.infer<typeof HostAgreementSchema>;
export const HostAgreementListSchema = z.object({ agreements: z.array(HostAgreementSchema) });

/** `GET /api/dev/apps/:appId/webhooks`: the app's most recent events, newest first. */
export const WebhookDeliveryListSchema = z.object({ deliveries: z.array(WebhookDeliverySchema) });

/** `GET /api/dev/apps/:appId/merchant?cursor&limit`. */
export const MerchantQuerySchema = z.object({
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** `POST /api/bridge/subscriptions`: the person's answers in the host's subscribe dialog; each accept = one message. */
export const SubscriptionDecisionSchema = z
  .object({
    appId: AppIdSchema,
    results: z
      .record(z.string().min(1).max(64), z.enum(['accept', 'reject']))
      .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 3, '1 to 3 templates'),
  })
  .strict();
export type SubscriptionDecision = z.infer<typeof SubscriptionDecisionSchema>;

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

// ---- Chat bodies that come from mini-programs ----

/** A shared mini-program page (bridge `share.toChat`), sent by the host as `message:send` kind `miniapp_card`. */
export const MiniAppCardInputSchema = z
  .object({
    appId: AppIdSchema,
    title: z.string().trim().min(1).max(64),
    path: z
      .string()
      .max(512)
      .regex(/^\/(?!\/)[^\s\\]*$/, 'Expected a path starting with "/"'),
    imageUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
  })
  .strict();
export type MiniAppCardInput = z.infer<typeof MiniAppCardInputSchema>;
/** The stored card: the server adds the app's name and icon from the registry. */
export const MiniAppCardBodySchema = MiniAppCardInputSchema.extend({
  appName: z.string(),
  appIconUrl: z.string().nullable(),
});
export type MiniAppCardBody = z.infer<typeof MiniAppCardBodySchema>;

/** A service notification (kind `service`) in the person's "Service notifications" conversation. */
export const ServiceBodySchema = z.object({
  appId: AppIdSchema,
  appName: z.string(),
  templateId: z.string(),
  data: z.record(z.string(), z.string()),
  page: z.string().nullable(),
});
export type ServiceBody = z.infer<typeof ServiceBodySchema>;
