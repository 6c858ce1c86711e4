import {
  MAX_GROUP_MEMBERS,
  type AddMembers,
  type Conversation,
  type ConversationDetail,
  type CreateGroup,
  type Message,
  type UpdateConversation,
} from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';
import { friendIdsAmong } from '../friends/friends.repo';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { presentPublicUser } from '../users/users.presenter';
import type { UserRow } from '../users/users.tables';
import { presentMember, presentMessage } from './chat.presenter';
import {
  activeMemberIds,
  findConversation,
  findMembership,
  membersWithUsers,
  membershipsOf,
  messagesAt,
  readableRange,
  unreadCounts,
} from './chat.repo';
import type { ChatService } from './chat.service';
import { conversationMembers, conversations, type ConversationRow, type MemberRow } from './chat.tables';

/** The title of every person's service conversation (clients may show their own localized name for type 'service'). */
export const SERVICE_TITLE = 'Service notifications';

export function directKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Conversation lists, direct chats and group management. Every change posts a system line and tells the members. */
export class ConversationService {
  constructor(
    private readonly db: Db,
    private readonly chat: ChatService,
  ) {}

  /** The direct conversation of two people, created on first need (inside the caller's transaction). */
  async getOrCreateDirect(tx: Tx, a: string, b: string): Promise<{ conversation: ConversationRow; created: boolean }> {
    const key = directKey(a, b);
    const [created] = await tx
      .insert(conversations)
      .values({ type: 'direct', directKey: key, memberCount: 2 })
      .onConflictDoNothing({ target: conversations.directKey })
      .returning();
    if (created) {
      await tx.insert(conversationMembers).values([
        { conversationId: created.id, userId: a },
        { conversationId: created.id, userId: b },
      ]);
      return { conversation: created, created: true };
    }
    const [existing] = await tx.select().from(conversations).where(eq(conversations.directKey, key));
    return { conversation: existing!, created: false };
  }

  /** The person's one "Service notifications" conversation, created on first need (unique per user in the DB). */
  async getOrCreateService(tx: Tx, userId: string): Promise<ConversationRow> {
    const [created] = await tx
      .insert(conversations)
      .values({ type: 'service', title: SERVICE_TITLE, serviceUserId: userId, memberCount: 1 })
      .onConflictDoNothing({ target: conversations.serviceUserId })
      .returning();
    if (created) {
      await tx.insert(conversationMembers).values({ conversationId: created.id, userId });
      return created;
    }
    const [existing] = await tx.select().from(conversations).where(eq(conversations.serviceUserId, userId));
    return existing!;
  }

  async list(userId: string): Promise<Conversation[]> {
    const rows = await membershipsOf(this.db, userId);
    const windows = rows.map(({ member, conversation }) => {
      const range = readableRange(member, conversation);
      return { conversationId: conversation.id, after: Math.max(member.lastReadSeq, range.from - 1), upTo: range.to };
    });
    const lastKeys = rows
      .map(({ member, conversation }) => ({
        conversationId: conversation.id,
        seq: readableRange(member, conversation).to,
      }))
      .filter((k) => k.seq > 0);
    const [counts, lastRows, peers] = await Promise.all([
      unreadCounts(this.db, userId, windows),
      messagesAt(this.db, lastKeys),
      this.chat.peers(
        rows.filter((r) => r.conversation.type === 'direct').map((r) => r.conversation.id),
        userId,
      ),
    ]);
    const last = new Map(lastRows.map((m) => [m.conversationId, presentMessage(m)]));
    const peerOf = new Map(peers.map((p) => [p.member.conversationId, p]));
    return rows.map(({ member, conversation }) =>
      this.present(conversation, member, {
        peer: peerOf.get(conversation.id),
        lastMessage: last.get(conversation.id) ?? null,
        ...(counts.get(conversation.id) ?? { unread: 0, mentions: 0 }),
      }),
    );
  }

  async detail(userId: string, conversationId: string): Promise<ConversationDetail> {
    const { conversation, member } = await this.chat.requireMember(conversationId, userId);
    const members = await membersWithUsers(this.db, conversationId);
    const [lastRow] = await messagesAt(this.db, [{ conversationId, seq: conversation.lastSeq }]);
    const counts = await unreadCounts(this.db, userId, [
      { conversationId, after: Math.max(member.lastReadSeq, member.fromSeq - 1), upTo: conversation.lastSeq },
    ]);
    const peer = conversation.type === 'direct' ? members.find((m) => m.user.id !== userId) : undefined;
    return {
      conversation: this.present(conversation, member, {
        peer,
        lastMessage: lastRow ? presentMessage(lastRow) : null,
        ...(counts.get(conversationId) ?? { unread: 0, mentions: 0 }),
      }),
      members: members.map((m) => presentMember(m.member, m.user)),
    };
  }

  /** Creates a group of the creator and some of their friends (DESIGN §3: up to 500 members). */
  async createGroup(userId: string, input: CreateGroup): Promise<ConversationDetail> {
    const memberIds = [...new Set(input.memberIds.filter((id) => id !== userId))];
    await this.requireFriends(userId, memberIds);
    if (memberIds.length + 1 > MAX_GROUP_MEMBERS)
      throw new AppError('group_full', `A group has at most ${MAX_GROUP_MEMBERS} members`);
    const { conversation, line } = await this.db.transaction(async (tx) => {
      const [conversation] = await tx
        .insert(conversations)
        .values({ type: 'group', title: input.title, ownerId: userId, memberCount: memberIds.length + 1 })
        .returning();
      const id = conversation!.id;
      await tx
        .insert(conversationMembers)
        .values([
          { conversationId: id, userId, role: 'owner' as const },
          ...memberIds.map((m) => ({ conversationId: id, userId: m })),
        ]);
      const line = await this.chat.post(tx, {
        conversationId: id,
        senderId: null,
        kind: 'system',
        body: { event: 'group_created', actorId: userId, userIds: memberIds, title: input.title },
      });
      return { conversation: conversation!, line };
    });
    await this.announce(conversation.id, line);
    return this.detail(userId, conversation.id);
  }

  /** Any member may add their own friends; people who left earlier come back and see only new messages. */
  async addMembers(userId: string, conversationId: string, input: AddMembers): Promise<ConversationDetail> {
    const { conversation } = await this.chat.requireMember(conversationId, userId);
    if (conversation.type !== 'group') throw new AppError('forbidden', 'Only groups have members to add');
    const wanted = [...new Set(input.userIds.filter((id) => id !== userId))];
    await this.requireFriends(userId, wanted);
    const line = await this.db.transaction(async (tx) => {
      const locked = (await findConversation(tx, conversationId, true))!;
      const current = new Set(await activeMemberIds(tx, conversationId));
      const joining = wanted.filter((id) => !current.has(id));
      if (!joining.length) return undefined;
      if (current.size + joining.length > MAX_GROUP_MEMBERS) {
        throw new AppError('group_full', `A group has at most ${MAX_GROUP_MEMBERS} members`);
      }
      // The system line gets seq lastSeq + 1: the newcomers see it and everything after, nothing before.
      const fromSeq = locked.lastSeq + 1;
      await tx
        .insert(conversationMembers)
        .values(joining.map((id) => ({ conversationId, userId: id, fromSeq, lastReadSeq: fromSeq - 1 })))
        .onConflictDoUpdate({
          target: [conversationMembers.conversationId, conversationMembers.userId],
          set: { leftAt: null, toSeq: null, role: 'member', fromSeq, lastReadSeq: fromSeq - 1, joinedAt: sql`now()` },
        });
      await tx
        .update(conversations)
        .set({ memberCount: current.size + joining.length })
        .where(eq(conversations.id, conversationId));
      return this.chat.post(tx, {
        conversationId,
        senderId: null,
        kind: 'system',
        body: { event: 'members_added', actorId: userId, userIds: joining },
      });
    });
    if (line) await this.announce(conversationId, line);
    return this.detail(userId, conversationId);
  }

  /** Leaving (target = self) or removing someone (owner, or an admin removing a member). */
  async removeMember(userId: string, conversationId: string, targetId: string): Promise<void> {
    const { conversation, member } = await this.chat.requireMember(conversationId, userId);
    if (conversation.type !== 'group')
      throw new AppError('forbidden', 'You cannot leave a direct chat; remove the friend instead');
    const target = targetId === userId ? member : await findMembership(this.db, conversationId, targetId);
    if (!target || target.leftAt) throw new AppError('not_found', 'That person is not in this group');
    if (targetId !== userId && !canRemove(member, target)) {
      throw new AppError('forbidden', 'Only the owner or an admin can remove members');
    }
    const audience = await activeMemberIds(this.db, conversationId);
    const line = await this.db.transaction(async (tx) => {
      await findConversation(tx, conversationId, true);
      const line = await this.chat.post(tx, {
        conversationId,
        senderId: null,
        kind: 'system',
        body:
          targetId === userId
            ? { event: 'member_left', actorId: userId }
            : { event: 'member_removed', actorId: userId, userIds: [targetId] },
      });
      // The one who goes keeps read access up to and including the line saying so.
      await tx
        .update(conversationMembers)
        .set({ leftAt: sql`now()`, toSeq: line.seq })
        .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, targetId)));
      await tx
        .update(conversations)
        .set({ memberCount: sql`${conversations.memberCount} - 1` })
        .where(eq(conversations.id, conversationId));
      if (target.role === 'owner') await this.handOver(tx, conversationId);
      return line;
    });
    this.chat.emitTo(audience, 'message:new', { message: line });
    this.chat.emitTo([targetId], 'conversation:removed', { conversationId });
    await this.broadcastUpdate(conversationId);
  }

  /** Renaming: any member; the announcement: owner and admins. */
  async update(userId: string, conversationId: string, input: UpdateConversation): Promise<ConversationDetail> {
    const { conversation, member } = await this.chat.requireMember(conversationId, userId);
    if (conversation.type !== 'group') throw new AppError('forbidden', 'Only groups can be renamed');
    if (input.announcement !== undefined && member.role === 'member') {
      throw new AppError('forbidden', 'Only the owner or an admin can set the announcement');
    }
    const lines = await this.db.transaction(async (tx) => {
      await tx
        .update(conversations)
        .set({
          ...(input.title ? { title: input.title } : {}),
          ...(input.announcement !== undefined ? { announcement: input.announcement } : {}),
        })
        .where(eq(conversations.id, conversationId));
      const out: Message[] = [];
      if (input.title && input.title !== conversation.title) {
        out.push(
          await this.chat.post(tx, {
            conversationId,
            senderId: null,
            kind: 'system',
            body: { event: 'renamed', actorId: userId, title: input.title },
          }),
        );
      }
      if (input.announcement) {
        out.push(
          await this.chat.post(tx, {
            conversationId,
            senderId: null,
            kind: 'system',
            body: { event: 'announcement', actorId: userId, title: input.announcement },
          }),
        );
      }
      return out;
    });
    for (const line of lines) await this.announce(conversationId, line);
    if (!lines.length) await this.broadcastUpdate(conversationId);
    return this.detail(userId, conversationId);
  }

  private async requireFriends(userId: string, ids: string[]): Promise<void> {
    const friends = await friendIdsAmong(this.db, userId, ids);
    const strangers = ids.filter((id) => !friends.has(id));
    if (strangers.length)
      throw new AppError('not_friends', 'You can only add your friends', { userIds: strangers.join(',') });
  }

  /** The oldest admin, else the oldest member, becomes owner. */
  private async handOver(tx: Tx, conversationId: string): Promise<void> {
    const [next] = await tx
      .select()
      .from(conversationMembers)
      .where(and(eq(conversationMembers.conversationId, conversationId), sql`${conversationMembers.leftAt} is null`))
      .orderBy(sql`${conversationMembers.role} = 'admin' desc`, conversationMembers.joinedAt)
      .limit(1);
    await tx
      .update(conversations)
      .set({ ownerId: next?.userId ?? null })
      .where(eq(conversations.id, conversationId));
    if (next) {
      await tx
        .update(conversationMembers)
        .set({ role: 'owner' })
        .where(
          and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, next.userId)),
        );
    }
  }

  /** Delivers a system line and the changed conversation to every member. */
  private async announce(conversationId: string, line: Message): Promise<void> {
    this.chat.emitTo(await activeMemberIds(this.db, conversationId), 'message:new', { message: line });
    await this.broadcastUpdate(conversationId);
  }

  /** Each member gets the conversation as they see it (their own role and unread count). */
  async broadcastUpdate(conversationId: string): Promise<void> {
    const ids = await activeMemberIds(this.db, conversationId);
    // Per-member presentation is cheap for small groups; large groups get the owner's view without personal fields.
    for (const id of ids.slice(0, 50)) {
      const { conversation } = await this.detail(id, conversationId);
      this.chat.emitTo([id], 'conversation:updated', { conversation });
    }
    if (ids.length > 50) {
      const { conversation } = await this.detail(ids[0]!, conversationId);
      this.chat.emitTo(ids.slice(50), 'conversation:updated', {
        conversation: { ...conversation, myRole: 'member', unreadCount: 0, mentionCount: 0 },
      });
    }
  }

  private present(
    conversation: ConversationRow,
    member: MemberRow,
    extra: {
      peer: { user: UserRow; member: MemberRow } | undefined;
      lastMessage: Message | null;
      unread: number;
      mentions: number;
    },
  ): Conversation {
    const peer = extra.peer ? presentPublicUser(extra.peer.user) : null;
    return {
      id: conversation.id,
      type: conversation.type,
      title: conversation.type === 'direct' ? (peer?.displayName ?? '') : (conversation.title ?? ''),
      avatarUrl: conversation.type === 'direct' ? (peer?.avatarUrl ?? null) : null,
      peer,
      announcement: conversation.announcement,
      memberCount: conversation.memberCount,
      myRole: member.role,
      lastSeq: readableRange(member, conversation).to,
      lastReadSeq: member.lastReadSeq,
      peerReadSeq: extra.peer ? extra.peer.member.lastReadSeq : null,
      unreadCount: extra.unread,
      mentionCount: extra.mentions,
      lastMessage: extra.lastMessage,
      updatedAt: conversation.updatedAt.toISOString(),
    } satisfies Conversation;
  }
}

function canRemove(actor: MemberRow, target: MemberRow): boolean {
  if (actor.role === 'owner') return true;
  return actor.role === 'admin' && target.role === 'member';
}
