import { z } from 'zod';
import { nonEmptyPatch } from '../input/rules';
import { userText } from '../input/text';
import { MiniAppCardInputSchema } from '../payments/payments.cards';
import { PublicUserSchema } from '../users/users.schemas';

export const MAX_GROUP_MEMBERS = 500;
export const MAX_TEXT_LENGTH = 5000;
/** A sender may recall their own message within this window. */
export const RECALL_WINDOW_MS = 2 * 60 * 1000;
export const HISTORY_PAGE_MAX = 100;
export const SYNC_PAGE_MAX = 200;

export const ConversationTypeSchema = z.enum(['direct', 'group', 'service']);
export type ConversationType = z.infer<typeof ConversationTypeSchema>;

export const MemberRoleSchema = z.enum(['owner', 'admin', 'member']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

export const MessageKindSchema = z.enum([
  'text',
  'image',
  'redpacket',
  'transfer',
  'miniapp_card',
  'system',
  'service',
]);
export type MessageKind = z.infer<typeof MessageKindSchema>;

export const TextBodySchema = z
  .object({
    text: userText({
      min: 1,
      max: MAX_TEXT_LENGTH,
      multiline: true,
      tooShort: 'Message is empty',
      tooLong: `Message is at most ${MAX_TEXT_LENGTH} characters`,
    }),
    /** User ids mentioned with @ in a group. */
    mentions: z.array(z.uuid()).max(50).optional(),
  })
  .strict();
export type TextBody = z.infer<typeof TextBodySchema>;

export const ImageBodySchema = z
  .object({
    /** An upload id returned by POST /api/uploads. */
    uploadId: z.uuid(),
  })
  .strict();

/** What a stored image message carries (server-filled from the upload). */
export const StoredImageBodySchema = z.object({
  uploadId: z.uuid(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});

export const SystemBodySchema = z.object({
  event: z.enum([
    'group_created',
    'members_added',
    'member_removed',
    'member_left',
    'renamed',
    'announcement',
    'friends_now',
    'message_recalled',
    'transfer_accepted',
    'transfer_declined',
    'transfer_expired',
    'redpacket_returned',
  ]),
  actorId: z.uuid().optional(),
  /** For `message_recalled`: the message that was recalled. */
  messageId: z.uuid().optional(),
  /** For transfer and red-packet lines. */
  transferId: z.uuid().optional(),
  packetId: z.uuid().optional(),
  amountFen: z.number().int().optional(),
  userIds: z.array(z.uuid()).optional(),
  title: z.string().optional(),
});
export type SystemBody = z.infer<typeof SystemBodySchema>;

/** What a client may send over `message:send` (system/service/money kinds are created by the server only). */
export const SendMessageSchema = z.discriminatedUnion('kind', [
  z.object({ conversationId: z.uuid(), clientMsgId: z.uuid(), kind: z.literal('text'), body: TextBodySchema }).strict(),
  z
    .object({ conversationId: z.uuid(), clientMsgId: z.uuid(), kind: z.literal('image'), body: ImageBodySchema })
    .strict(),
  /** A shared mini-program page (bridge `share.toChat`); stored as MiniAppCardBodySchema (name and icon added). */
  z
    .object({
      conversationId: z.uuid(),
      clientMsgId: z.uuid(),
      kind: z.literal('miniapp_card'),
      body: MiniAppCardInputSchema,
    })
    .strict(),
]);
export type SendMessage = z.infer<typeof SendMessageSchema>;

export const MessageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  seq: z.number().int().positive(),
  senderId: z.uuid().nullable(),
  clientMsgId: z.uuid().nullable(),
  kind: MessageKindSchema,
  /** Kind-specific; empty object once recalled. */
  body: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  recalledAt: z.iso.datetime().nullable(),
});
export type Message = z.infer<typeof MessageSchema>;

export const MemberSchema = z.object({
  user: PublicUserSchema,
  role: MemberRoleSchema,
  joinedAt: z.iso.datetime(),
});
export type Member = z.infer<typeof MemberSchema>;

export const ConversationSchema = z.object({
  id: z.uuid(),
  type: ConversationTypeSchema,
  /** Group title; for a direct chat, the other person's display name. */
  title: z.string(),
  avatarUrl: z.string().nullable(),
  /** For a direct chat: the other person. */
  peer: PublicUserSchema.nullable(),
  announcement: z.string().nullable(),
  memberCount: z.number().int(),
  myRole: MemberRoleSchema,
  lastSeq: z.number().int(),
  lastReadSeq: z.number().int(),
  /** The peer's read position (direct chats only): read receipts. */
  peerReadSeq: z.number().int().nullable(),
  unreadCount: z.number().int(),
  /** Messages since lastReadSeq that @mention me. */
  mentionCount: z.number().int(),
  lastMessage: MessageSchema.nullable(),
  updatedAt: z.iso.datetime(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationListSchema = z.object({ conversations: z.array(ConversationSchema) });
export type ConversationList = z.infer<typeof ConversationListSchema>;

export const GroupTitleSchema = userText({ min: 1, max: 40, tooShort: 'Group name is required' });

export const CreateGroupSchema = z
  .object({
    type: z.literal('group'),
    title: GroupTitleSchema,
    memberIds: z
      .array(z.uuid())
      .min(1, 'Pick at least one friend')
      .max(MAX_GROUP_MEMBERS - 1),
  })
  .strict();
export type CreateGroup = z.infer<typeof CreateGroupSchema>;

export const UpdateConversationSchema = nonEmptyPatch(
  z
    .object({
      title: GroupTitleSchema.optional(),
      announcement: userText({ max: 500, multiline: true }).nullable().optional(),
    })
    .strict(),
);
export type UpdateConversation = z.infer<typeof UpdateConversationSchema>;

export const AddMembersSchema = z.object({ userIds: z.array(z.uuid()).min(1).max(MAX_GROUP_MEMBERS) }).strict();
export type AddMembers = z.infer<typeof AddMembersSchema>;

export const ConversationDetailSchema = z.object({ conversation: ConversationSchema, members: z.array(MemberSchema) });
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

export const HistoryQuerySchema = z.object({
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
});
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export const MessagePageSchema = z.object({ messages: z.array(MessageSchema), more: z.boolean() });
export type MessagePage = z.infer<typeof MessagePageSchema>;

export const SyncSchema = z
  .object({
    /** Last seq the client has, per conversation; conversations left out are synced from their start. */
    cursors: z
      .record(z.uuid(), z.number().int().min(0))
      .refine((c) => Object.keys(c).length <= 1000, 'Too many cursors'),
  })
  .strict();
export type Sync = z.infer<typeof SyncSchema>;

export const ReadSchema = z.object({ conversationId: z.uuid(), seq: z.number().int().min(0) }).strict();
export type Read = z.infer<typeof ReadSchema>;

export const RecallSchema = z.object({ messageId: z.uuid() }).strict();
export type Recall = z.infer<typeof RecallSchema>;

export const TypingSchema = z.object({ conversationId: z.uuid() }).strict();
export type Typing = z.infer<typeof TypingSchema>;

/** `presence:query`: which of these users (only friends count) are online now. */
export const PresenceQuerySchema = z.object({ userIds: z.array(z.uuid()).max(500) }).strict();
export type PresenceQuery = z.infer<typeof PresenceQuerySchema>;

/** `DELETE /api/conversations/:id/members/:userId`. */
export const MemberParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });
/** `GET /media/:id[/thumb]`. */
export const MediaParamsSchema = z.object({ id: z.uuid(), variant: z.enum(['thumb']).optional() });

export const UploadSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime: z.string(),
  bytes: z.number().int(),
});
export type Upload = z.infer<typeof UploadSchema>;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
