import { z } from 'zod';
import { CursorSchema } from '../input/rules';
import { opaqueToken } from '../input/text';

export const PinSchema = z.string().regex(/^\d{6}$/, 'The payment PIN is 6 digits');

export const SetPinSchema = z.object({ pin: PinSchema, currentPin: PinSchema.optional() }).strict();
export type SetPin = z.infer<typeof SetPinSchema>;

/** Money on the wire: integer fen, never floats. */
export const AmountFenSchema = z.number().int('Amounts are whole fen').positive('Amount must be positive');

/** Sandbox top-up: at most ¥50,000 at a time. */
export const TopupSchema = z
  .object({ amountFen: AmountFenSchema.max(5_000_000, 'At most ¥50,000 per top-up') })
  .strict();
export type Topup = z.infer<typeof TopupSchema>;

export const WalletSchema = z.object({
  balanceFen: z.number().int(),
  hasPin: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
});
export type Wallet = z.infer<typeof WalletSchema>;

export const StatementLineSchema = z.object({
  id: z.string(),
  entryId: z.uuid(),
  kind: z.string(),
  /** Signed: positive = money in. */
  amountFen: z.number().int(),
  balanceAfterFen: z.number().int().nullable(),
  memo: z.string().nullable(),
  /** The other side of the movement, when it is a person. */
  counterpartyId: z.uuid().nullable(),
  conversationId: z.uuid().nullable(),
  /**
   * The mini-program a payment, automatic debit or refund was with (its registry name); null for other movements.
   * For these lines `memo` is the order's description.
   */
  app: z.object({ appId: z.string(), name: z.string() }).nullable().default(null),
  createdAt: z.iso.datetime(),
});
export type StatementLine = z.infer<typeof StatementLineSchema>;

export const StatementQuerySchema = z.object({
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const StatementSchema = z.object({ lines: z.array(StatementLineSchema), nextCursor: z.string().nullable() });
export type Statement = z.infer<typeof StatementSchema>;

export const LedgerCheckSchema = z.object({
  ok: z.boolean(),
  sumFen: z.number().int(),
  accounts: z.number().int(),
  mismatches: z.array(z.object({ accountId: z.uuid(), balanceFen: z.number().int(), journalFen: z.number().int() })),
  negative: z.array(z.object({ accountId: z.uuid(), kind: z.string(), balanceFen: z.number().int() })),
  unbalancedEntries: z.array(z.uuid()),
});
export type LedgerCheck = z.infer<typeof LedgerCheckSchema>;

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** A key the client made up (a UUID, typically): printable ASCII, 8..128 characters. */
export const IdempotencyKeySchema = opaqueToken(8, 128);
