import { z } from 'zod';
import { userText } from '../input/text';
import { MessageSchema } from '../chat/chat.schemas';
import { PinSchema } from '../wallet/wallet.schemas';
import { REDPACKET_MAX_SHARES, REDPACKET_MAX_TOTAL_FEN } from '../wallet/split';

export const REDPACKET_TTL_HOURS = 24;

export const RedPacketTypeSchema = z.enum(['single', 'lucky', 'equal']);
export type RedPacketType = z.infer<typeof RedPacketTypeSchema>;

export const CreateRedPacketSchema = z
  .object({
    conversationId: z.uuid(),
    type: RedPacketTypeSchema,
    totalFen: z
      .number()
      .int('Amounts are whole fen')
      .min(1)
      .max(REDPACKET_MAX_TOTAL_FEN, 'A red packet holds at most ¥200'),
    shares: z.number().int().min(1).max(REDPACKET_MAX_SHARES, `At most ${REDPACKET_MAX_SHARES} shares`),
    greeting: userText({ max: 30 }).optional(),
    pin: PinSchema,
  })
  .strict()
  .refine((p) => p.totalFen >= p.shares, { message: 'Every share needs at least ¥0.01', path: ['totalFen'] })
  .refine((p) => p.type !== 'single' || p.shares === 1, {
    message: 'A 1:1 red packet has one share',
    path: ['shares'],
  });
export type CreateRedPacket = z.infer<typeof CreateRedPacketSchema>;

export const RedPacketSchema = z.object({
  id: z.uuid(),
  senderId: z.uuid(),
  conversationId: z.uuid(),
  type: RedPacketTypeSchema,
  totalFen: z.number().int(),
  shares: z.number().int(),
  claimedShares: z.number().int(),
  claimedFen: z.number().int(),
  greeting: z.string(),
  status: z.enum(['open', 'finished', 'expired']),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type RedPacket = z.infer<typeof RedPacketSchema>;

export const RedPacketClaimSchema = z.object({
  userId: z.uuid(),
  amountFen: z.number().int(),
  at: z.iso.datetime(),
  /** The largest share, marked once every share is taken (or the packet expired). */
  best: z.boolean(),
});

export const RedPacketDetailSchema = z.object({
  packet: RedPacketSchema,
  claims: z.array(RedPacketClaimSchema),
  mine: z.number().int().nullable(),
});
export type RedPacketDetail = z.infer<typeof RedPacketDetailSchema>;

export const CreatedRedPacketSchema = z.object({ packet: RedPacketSchema, message: MessageSchema });
export type CreatedRedPacket = z.infer<typeof CreatedRedPacketSchema>;
export const ClaimResultSchema = z.object({ amountFen: z.number().int() });
export type ClaimResult = z.infer<typeof ClaimResultSchema>;

/** The body of a `redpacket` chat message (never the amounts: those are revealed by opening it). */
export const RedPacketBodySchema = z.object({
  packetId: z.uuid(),
  type: RedPacketTypeSchema,
  greeting: z.string(),
  shares: z.number().int(),
});
export type RedPacketBody = z.infer<typeof RedPacketBodySchema>;
