import { z } from 'zod';
import { opaqueToken } from '../input/text';
import { AppIdSchema } from '../miniapps/app-id';
import { PinSchema } from '../wallet/wallet.schemas';
import {
  AgreementIdSchema,
  AgreementStatusSchema,
  OrderIdSchema,
  OrderStatusSchema,
  PaymentDescriptionSchema,
} from './payments.openapi';

/** Payments in the host (the person, user access token): the cashier sheet, PIN pay, debit agreements, subscriptions. */

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
    description: PaymentDescriptionSchema,
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

/** `POST /api/bridge/subscriptions`: the person's answers in the host's subscribe dialog; each accept = one message. */
export const SubscriptionDecisionSchema = z
  .object({
    appId: AppIdSchema,
    results: z
      .record(opaqueToken(1, 64), z.enum(['accept', 'reject']))
      .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 3, '1 to 3 templates'),
  })
  .strict();
export type SubscriptionDecision = z.infer<typeof SubscriptionDecisionSchema>;
