import {
  HISTORY_PAGE_MAX,
  RECALL_WINDOW_MS,
  SYNC_PAGE_MAX,
  userRoom,
  type HistoryQuery,
  type MiniAppCardBody,
  type Message,
  type MessagePage,
  type SendMessage,
  type ServerToClientEvents,
} from '@app/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { miniapps } from '../miniapps/miniapps.tables';
import { AppError } from '../platform/errors';
import type { AppServer } from '../platform/io';
import type { Db, Tx } from '../schema';
import { presentMessage } from './chat.presenter';
import {
  activeMemberIds,
  appendMessage,
  DuplicateSend,
  findConversation,
  findMembership,
  findMessage,
  findMessageByClientId,
  historyPage,
  membershipsOf,
  messagesInWindows,
  peersOf,
  readableRange,
  type NewMessage,
  type SeqWindow,
} from './chat.repo';
import { conversationMembers, messages, uploads, type MemberRow } from './chat.tables';

type Emit = <E extends keyof ServerToClientEvents>(
  userIds: string[],
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;

export interface ChatDeps {
  db: Db;
  io: AppServer;
}

export class ChatService {
  constructor(private readonly deps: ChatDeps) {}

  /** Sends an event to every device of each user (their `user:<id>` rooms). */
  readonly emitTo: Emit = (userIds, event, ...args) => {
    if (!userIds.length) return;
    this.deps.io.to(userIds.map(userRoom)).emit(event, ...args);
  };

  /** The conversation and the caller's active membership, or `not_member`. */
  async requireMember(conversationId: string, userId: string, db: Db | Tx = this.deps.db) {
    const [conversation, member] = await Promise.all([
      findConversation(db, conversationId),
      findMembership(db, conversationId, userId),
    ]);
    if (!conversation || !member || member.leftAt) throw new AppError('not_member', 'You are not in this conversation');
    return { conversation, member };
  }

  /** Like requireMember, but someone who left may still read what they could see while in. */
  private async requireReader(conversationId: string, userId: string) {
    const [conversation, member] = await Promise.all([
      findConversation(this.deps.db, conversationId),
      findMembership(this.deps.db, conversationId, userId),
    ]);
    if (!conversation || !member) throw new AppError('not_member', 'You are not in this conversation');
    return { conversation, member };
  }

  /**
   * Stores and delivers a message. Idempotent on (sender, clientMsgId): a retry returns the stored message and
   * delivers nothing again. The sending socket gets the ack; every other device of every member gets `message:new`.
   */
  async send(userId: string, input: SendMessage, originSocketId?: string): Promise<Message> {
    let appended;
    try {
      appended = await appendMessage(this.deps.db, await this.draft(userId, input));
    } catch (err) {
      if (!(err instanceof DuplicateSend)) throw err;
      const stored = await findMessageByClientId(this.deps.db, userId, input.clientMsgId);
      if (!stored) throw err;
      return presentMessage(stored);
    }
    const message = presentMessage(appended.row);
    if (appended.created && appended.memberIds.length) {
      const to = this.deps.io.to(appended.memberIds.map(userRoom));
      (originSocketId ? to.except(originSocketId) : to).emit('message:new', { message });
    }
    return message;
  }

  /** Stores a server-made message (system lines; later red packets, transfers) inside the caller's transaction. */
  async post(tx: Tx, draft: Omit<NewMessage, 'clientMsgId'>): Promise<Message> {
    return presentMessage((await appendMessage(tx, { ...draft, clientMsgId: null })).row);
  }

  /** The message as stored: text as given (mentions are narrowed to members by the database), images from the upload. */
  private async draft(userId: string, input: SendMessage): Promise<NewMessage> {
    const base = { conversationId: input.conversationId, senderId: userId, clientMsgId: input.clientMsgId };
    if (input.kind === 'text') {
      return { ...base, kind: 'text', body: { text: input.body.text }, mentions: input.body.mentions };
    }
    if (input.kind === 'miniapp_card') {
      const [app] = await this.deps.db
        .select({ name: miniapps.name, iconUrl: miniapps.iconUrl, status: miniapps.status })
        .from(miniapps)
        .where(eq(miniapps.appId, input.body.appId));
      if (!app || app.status !== 'active') throw new AppError('not_found', 'No such mini-program');
      const body: MiniAppCardBody = { ...input.body, appName: app.name, appIconUrl: app.iconUrl };
      return { ...base, kind: 'miniapp_card', body };
    }
    const [upload] = await this.deps.db
      .select()
      .from(uploads)
      .where(and(eq(uploads.id, input.body.uploadId), eq(uploads.ownerId, userId)));
    if (!upload)
      throw new AppError('validation_failed', 'Unknown image upload', { 'body.uploadId': 'Upload not found' });
    const { id, width, height } = upload;
    return {
      ...base,
      kind: 'image',
      body: { uploadId: id, url: `/media/${id}`, thumbUrl: `/media/${id}/thumb`, width, height },
    };
  }

  /**
   * What the user missed: messages after each cursor in every conversation they are (or were) in, in seq order per
   * conversation, at most SYNC_PAGE_MAX; `more` says to call again with the advanced cursors.
   */
  async sync(userId: string, cursors: Record<string, number>): Promise<{ messages: Message[]; more: boolean }> {
    const windows: SeqWindow[] = [];
    for (const { member, conversation } of await membershipsOf(this.deps.db, userId, 1000)) {
      const range = readableRange(member, conversation);
      const after = Math.max(cursors[conversation.id] ?? 0, range.from - 1);
      if (range.to > after) windows.push({ conversationId: conversation.id, after, upTo: range.to });
    }
    const rows = await messagesInWindows(this.deps.db, windows, SYNC_PAGE_MAX + 1);
    return { messages: rows.slice(0, SYNC_PAGE_MAX).map(presentMessage), more: rows.length > SYNC_PAGE_MAX };
  }

  async history(userId: string, conversationId: string, query: HistoryQuery): Promise<MessagePage> {
    const { conversation, member } = await this.requireReader(conversationId, userId);
    const range = readableRange(member, conversation);
    const limit = Math.min(query.limit, HISTORY_PAGE_MAX);
    const { rows, more } = await historyPage(
      this.deps.db,
      conversationId,
      range,
      query.beforeSeq ?? range.to + 1,
      limit,
    );
    return { messages: rows.map(presentMessage), more };
  }

  /** Moves the read position forward (never back). Direct chats tell the peer (read receipts). */
  async read(userId: string, conversationId: string, seq: number): Promise<{ seq: number }> {
    const { conversation, member } = await this.requireReader(conversationId, userId);
    const upTo = Math.min(seq, readableRange(member, conversation).to);
    const [row] = await this.deps.db
      .update(conversationMembers)
      .set({ lastReadSeq: sql`greatest(${conversationMembers.lastReadSeq}, ${upTo})` })
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)))
      .returning({ lastReadSeq: conversationMembers.lastReadSeq });
    const readSeq = row?.lastReadSeq ?? member.lastReadSeq;
    const audience = conversation.type === 'direct' ? await activeMemberIds(this.deps.db, conversationId) : [userId];
    this.emitTo(audience, 'message:read', { conversationId, userId, seq: readSeq });
    return { seq: readSeq };
  }

  /** Recalls the caller's own text or image within RECALL_WINDOW_MS; a system line tells syncing clients. */
  async recall(userId: string, messageId: string): Promise<Message> {
    const original = await findMessage(this.deps.db, messageId);
    if (!original || original.senderId !== userId)
      throw new AppError('forbidden', 'You can only recall your own messages');
    await this.requireMember(original.conversationId, userId);
    if (original.recalledAt) return presentMessage(original);
    if (original.kind !== 'text' && original.kind !== 'image')
      throw new AppError('forbidden', 'This message cannot be recalled');
    if (Date.now() - original.createdAt.getTime() > RECALL_WINDOW_MS) {
      throw new AppError('recall_window_passed', 'Messages can only be recalled within 2 minutes');
    }
    const { recalled, line } = await this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .update(messages)
        .set({ recalledAt: sql`now()`, body: {}, mentions: null })
        .where(and(eq(messages.id, messageId), isNull(messages.recalledAt)))
        .returning();
      if (!row) return { recalled: undefined, line: undefined };
      const line = await this.post(tx, {
        conversationId: row.conversationId,
        senderId: null,
        kind: 'system',
        body: { event: 'message_recalled', actorId: userId, messageId },
      });
      return { recalled: presentMessage(row), line };
    });
    if (!recalled || !line) return presentMessage((await findMessage(this.deps.db, messageId))!);
    const audience = await activeMemberIds(this.deps.db, recalled.conversationId);
    this.emitTo(audience, 'message:recalled', { message: recalled });
    this.emitTo(audience, 'message:new', { message: line });
    return recalled;
  }

  async typing(userId: string, conversationId: string): Promise<null> {
    await this.requireMember(conversationId, userId);
    const others = (await activeMemberIds(this.deps.db, conversationId)).filter((id) => id !== userId);
    if (others.length) this.deps.io.to(others.map(userRoom)).volatile.emit('typing', { conversationId, userId });
    return null;
  }

  /** The other member of each direct conversation, for presenters. */
  peers(conversationIds: string[], userId: string) {
    return peersOf(this.deps.db, conversationIds, userId);
  }
}

export type { MemberRow };
