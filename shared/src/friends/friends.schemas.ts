import { z } from 'zod';
import { userText } from '../input/text';
import { PublicUserSchema } from '../users/users.schemas';

/** How a friendship was made; referral campaigns read this. */
export const FriendSourceSchema = z.enum(['request', 'invite', 'group']);
export type FriendSource = z.infer<typeof FriendSourceSchema>;

export const FriendRequestStatusSchema = z.enum(['pending', 'accepted', 'declined']);

export const SendFriendRequestSchema = z
  .object({
    toUserId: z.uuid('toUserId must be a user id'),
    note: userText({ max: 100, tooLong: 'Note is at most 100 characters' }).optional(),
  })
  .strict();
export type SendFriendRequest = z.infer<typeof SendFriendRequestSchema>;

export const FriendRequestSchema = z.object({
  id: z.uuid(),
  from: PublicUserSchema,
  to: PublicUserSchema,
  note: z.string().nullable(),
  status: FriendRequestStatusSchema,
  source: FriendSourceSchema,
  createdAt: z.iso.datetime(),
});
export type FriendRequest = z.infer<typeof FriendRequestSchema>;

export const FriendRequestListSchema = z.object({
  incoming: z.array(FriendRequestSchema),
  outgoing: z.array(FriendRequestSchema),
});
export type FriendRequestList = z.infer<typeof FriendRequestListSchema>;

export const FriendSchema = z.object({
  user: PublicUserSchema,
  since: z.iso.datetime(),
  source: FriendSourceSchema,
  /** The direct conversation with this friend. */
  conversationId: z.uuid().nullable(),
});
export type Friend = z.infer<typeof FriendSchema>;

export const FriendListSchema = z.object({ friends: z.array(FriendSchema) });
export type FriendList = z.infer<typeof FriendListSchema>;

export const AcceptFriendRequestResultSchema = z.object({ friend: FriendSchema });
export type AcceptFriendRequestResult = z.infer<typeof AcceptFriendRequestResultSchema>;

export const SuggestionSchema = z.object({ user: PublicUserSchema, mutualCount: z.number().int().positive() });
export const SuggestionListSchema = z.object({ suggestions: z.array(SuggestionSchema) });
export type SuggestionList = z.infer<typeof SuggestionListSchema>;

export const BlockListSchema = z.object({ blocked: z.array(PublicUserSchema) });
export type BlockList = z.infer<typeof BlockListSchema>;

export const InviteSchema = z.object({ code: z.string(), url: z.url() });
export type Invite = z.infer<typeof InviteSchema>;

export const UserIdParamSchema = z.object({ userId: z.uuid('Not a user id') });
export const IdParamSchema = z.object({ id: z.uuid('Not an id') });
