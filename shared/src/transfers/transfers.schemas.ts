import { z } from 'zod';
import { userText } from '../input/text';
import { MessageSchema } from '../chat/chat.schemas';
import { AmountFenSchema, PinSchema } from '../wallet/wallet.schemas';

/** A transfer waits this long for the friend, then returns to the sender. */
export const TRANSFER_TTL_HOURS = 24;

export const CreateTransferSchema = z
  .object({
    toUserId: z.uuid(),
    amountFen: AmountFenSchema.max(5_000_000, 'At most ¥50,000 per transfer'),
    pin: PinSchema,
    note: userText({ max: 50 }).optional(),
  })
  .strict();
export type CreateTransfer = z.infer<typeof CreateTransferSchema>;

export const TransferStatusSchema = z.enum(['pending', 'accepted', 'declined', 'expired']);
export type TransferStatus = z.infer<typeof TransferStatusSchema>;

export const TransferSchema = z.object({
  id: z.uuid(),
  fromUserId: z.uuid(),
  toUserId: z.uuid(),
  amountFen: z.number().int(),
  note: z.string().nullable(),
  status: TransferStatusSchema,
  conversationId: z.uuid(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  settledAt: z.iso.datetime().nullable(),
});
export type Transfer = z.infer<typeof TransferSchema>;

export const TransferResultSchema = z.object({ transfer: TransferSchema });
export const CreatedTransferSchema = z.object({ transfer: TransferSchema, message: MessageSchema });
export type CreatedTransfer = z.infer<typeof CreatedTransferSchema>;

/** The body of a `transfer` chat message; its live state comes from GET /api/transfers/:id and `transfer:updated`. */
export const TransferBodySchema = z.object({
  transferId: z.uuid(),
  amountFen: z.number().int(),
  note: z.string().nullish(),
});
export type TransferBody = z.infer<typeof TransferBodySchema>;
