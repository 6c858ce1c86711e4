import type {
  Friend,
  FriendRequest,
  FriendRequestList,
  FriendSource,
  SendFriendRequest,
  SuggestionList,
} from '@app/shared';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { ConversationService } from '../chat/chat.conversations';
import { directKey } from '../chat/chat.conversations';
import type { ChatService } from '../chat/chat.service';
import { conversations } from '../chat/chat.tables';
import { AppError } from '../platform/errors';
import type { Db } from '../schema';
import { presentPublicUser } from '../users/users.presenter';
import { findUserById } from '../users/users.repo';
import { users, type UserRow } from '../users/users.tables';
import { presentFriend, presentRequest } from './friends.presenter';
import {
  deleteFriendship,
  findPendingRequest,
  friendsWithUsers,
  insertFriendship,
  isBlockedEitherWay,
  isFriend,
  requestsWithUsers,
  suggestionsFor,
} from './friends.repo';
import { blocks, friendRequests } from './friends.tables';

export interface FriendsDeps {
  db: Db;
  chat: ChatService;
  conversations: ConversationService;
}

export class FriendsService {
  constructor(private readonly deps: FriendsDeps) {}

  /**
   * Sends a request (or refreshes the note of a pending one). If the other person already asked us, this accepts
   * their request instead — the two people clearly agree.
   */
  async request(fromId: string, input: SendFriendRequest, source: FriendSource = 'request'): Promise<FriendRequest> {
    const { db } = this.deps;
    if (input.toUserId === fromId)
      throw new AppError('validation_failed', 'You cannot add yourself', { toUserId: 'That is you' });
    const target = await findUserById(db, input.toUserId);
    if (!target || target.bannedAt) throw new AppError('not_found', 'No such user');
    if (await isBlockedEitherWay(db, fromId, target.id))
      throw new AppError('blocked', 'You cannot send this person a request');
    if (await isFriend(db, fromId, target.id)) throw new AppError('already_friends', 'You are already friends');
    const reverse = await findPendingRequest(db, target.id, fromId);
    if (reverse) {
      await this.accept(fromId, reverse.id);
      return this.requestById(reverse.id);
    }
    const note = input.note?.length ? input.note : null;
    const [row] = await db
      .insert(friendRequests)
      .values({ fromUserId: fromId, toUserId: target.id, note, source })
      .onConflictDoUpdate({
        target: [friendRequests.fromUserId, friendRequests.toUserId],
        targetWhere: sql`${friendRequests.status} = 'pending'`,
        set: { note, createdAt: sql`now()` },
      })
      .returning();
    const request = await this.requestById(row!.id);
    this.deps.chat.emitTo([target.id], 'friend:request', { request });
    return request;
  }

  async list(userId: string): Promise<FriendRequestList> {
    const { db } = this.deps;
    const [incoming, outgoing] = await Promise.all([
      requestsWithUsers(db, eq(friendRequests.toUserId, userId)),
      requestsWithUsers(db, eq(friendRequests.fromUserId, userId)),
    ]);
    const present = (r: (typeof incoming)[number]) => presentRequest(r.request, r.from, r.to);
    return { incoming: incoming.map(present), outgoing: outgoing.map(present) };
  }

  /** Accepting makes the friendship (both directions) and the direct conversation, in one transaction. */
  async accept(userId: string, requestId: string): Promise<Friend> {
    const { db, chat } = this.deps;
    const outcome = await db.transaction(async (tx) => {
      const [request] = await tx.select().from(friendRequests).where(eq(friendRequests.id, requestId)).for('update');
      if (!request || request.toUserId !== userId) throw new AppError('not_found', 'No such friend request');
      if (request.status !== 'pending') throw new AppError('conflict', `This request was already ${request.status}`);
      if (await isBlockedEitherWay(tx, request.fromUserId, userId))
        throw new AppError('blocked', 'This person is blocked');
      await tx
        .update(friendRequests)
        .set({ status: 'accepted', respondedAt: sql`now()` })
        .where(eq(friendRequests.id, requestId));
      // Any request the other way is settled too.
      await tx
        .update(friendRequests)
        .set({ status: 'accepted', respondedAt: sql`now()` })
        .where(
          and(
            eq(friendRequests.fromUserId, userId),
            eq(friendRequests.toUserId, request.fromUserId),
            eq(friendRequests.status, 'pending'),
          ),
        );
      await insertFriendship(tx, request.fromUserId, userId, request.source);
      const { conversation } = await this.deps.conversations.getOrCreateDirect(tx, request.fromUserId, userId);
      const line = await chat.post(tx, {
        conversationId: conversation.id,
        senderId: null,
        kind: 'system',
        body: { event: 'friends_now', actorId: userId, userIds: [request.fromUserId, userId] },
      });
      return { request, conversationId: conversation.id, line };
    });
    const { request, conversationId, line } = outcome;
    const [mine, theirs] = await Promise.all([
      this.friendOf(userId, request.fromUserId),
      this.friendOf(request.fromUserId, userId),
    ]);
    chat.emitTo([userId, request.fromUserId], 'message:new', { message: line });
    chat.emitTo([request.fromUserId], 'friend:accepted', { friend: theirs });
    chat.emitTo([userId], 'friend:accepted', { friend: mine });
    await this.deps.conversations.broadcastUpdate(conversationId);
    return mine;
  }

  async decline(userId: string, requestId: string): Promise<FriendRequest> {
    const [row] = await this.deps.db
      .update(friendRequests)
      .set({ status: 'declined', respondedAt: sql`now()` })
      .where(
        and(
          eq(friendRequests.id, requestId),
          eq(friendRequests.toUserId, userId),
          eq(friendRequests.status, 'pending'),
        ),
      )
      .returning();
    if (!row) throw new AppError('not_found', 'No pending friend request with that id');
    return this.requestById(row.id);
  }

  async friends(userId: string, onlyFriendId?: string): Promise<Friend[]> {
    const rows = await friendsWithUsers(this.deps.db, userId, onlyFriendId);
    const keys = rows.map((r) => directKey(userId, r.user.id));
    const convs = keys.length
      ? await this.deps.db
          .select({ id: conversations.id, key: conversations.directKey })
          .from(conversations)
          .where(inArray(conversations.directKey, keys))
      : [];
    const byKey = new Map(convs.map((c) => [c.key, c.id]));
    return rows.map((r) => presentFriend(r.friendship, r.user, byKey.get(directKey(userId, r.user.id)) ?? null));
  }

  async remove(userId: string, friendId: string): Promise<void> {
    if (!(await deleteFriendship(this.deps.db, userId, friendId))) throw new AppError('not_found', 'Not your friend');
    // Each side hears about the other person.
    this.deps.chat.emitTo([userId], 'friend:removed', { userId: friendId });
    this.deps.chat.emitTo([friendId], 'friend:removed', { userId });
  }

  /** Blocking also ends pending requests between the two; the friendship stays but no messages pass. */
  async block(userId: string, otherId: string): Promise<void> {
    if (userId === otherId) throw new AppError('validation_failed', 'You cannot block yourself');
    if (!(await findUserById(this.deps.db, otherId))) throw new AppError('not_found', 'No such user');
    await this.deps.db.transaction(async (tx) => {
      await tx.insert(blocks).values({ blockerId: userId, blockedId: otherId }).onConflictDoNothing();
      await tx
        .update(friendRequests)
        .set({ status: 'declined', respondedAt: sql`now()` })
        .where(
          and(
            eq(friendRequests.status, 'pending'),
            or(
              and(eq(friendRequests.fromUserId, userId), eq(friendRequests.toUserId, otherId)),
              and(eq(friendRequests.fromUserId, otherId), eq(friendRequests.toUserId, userId)),
            ),
          ),
        );
    });
  }

  async unblock(userId: string, otherId: string): Promise<void> {
    await this.deps.db.delete(blocks).where(and(eq(blocks.blockerId, userId), eq(blocks.blockedId, otherId)));
  }

  async blocked(userId: string) {
    const rows = await this.deps.db
      .select({ user: users })
      .from(blocks)
      .innerJoin(users, eq(users.id, blocks.blockedId))
      .where(eq(blocks.blockerId, userId));
    return rows.map((r) => presentPublicUser(r.user));
  }

  async suggestions(userId: string): Promise<SuggestionList> {
    const rows = await suggestionsFor(this.deps.db, userId);
    return { suggestions: rows.map((r) => ({ user: presentPublicUser(r.user), mutualCount: r.mutual })) };
  }

  /** Registering through an invite link: the inviter's friend request waits for the newcomer. */
  async onInvitedRegistration(user: UserRow, inviter: UserRow | undefined): Promise<void> {
    if (!inviter || inviter.bannedAt) return;
    try {
      await this.request(inviter.id, { toUserId: user.id, note: undefined }, 'invite');
    } catch (err) {
      // The account exists already; a refused request (the inviter blocked, gone…) must not fail the registration.
      if (!(err instanceof AppError)) throw err;
    }
  }

  private async friendOf(userId: string, friendId: string): Promise<Friend> {
    const [friend] = await this.friends(userId, friendId);
    if (!friend) throw new AppError('internal', 'Friendship vanished');
    return friend;
  }

  private async requestById(id: string): Promise<FriendRequest> {
    const [row] = await requestsWithUsers(this.deps.db, eq(friendRequests.id, id), 1);
    if (!row) throw new AppError('not_found', 'No such friend request');
    return presentRequest(row.request, row.from, row.to);
  }
}
