import {
  REDPACKET_MAX_SHARES,
  REDPACKET_TTL_HOURS,
  splitEqual,
  splitLucky,
  type CreateRedPacket,
  type Message,
  type RedPacket,
  type RedPacketBody,
  type RedPacketDetail,
} from '@app/shared';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { ChatService } from '../chat/chat.service';
import { activeMemberIds, findMembership } from '../chat/chat.repo';
import { AppError } from '../platform/errors';
import type { Db } from '../schema';
import { escrowAccount, postEntry, userAccount } from '../wallet/wallet.ledger';
import { notifyBalances } from '../wallet/wallet.notify';
import type { PaymentPins } from '../wallet/wallet.pin';
import { claimShare } from './redpackets.repo';
import { redPacketShares, redPackets, type RedPacketRow } from './redpackets.tables';
import { settleIdempotent } from '../wallet/wallet.idempotency';

const DEFAULT_GREETING = 'Best wishes 恭喜发财';

export interface RedPacketsDeps {
  db: Db;
  chat: ChatService;
  pins: PaymentPins;
}

/** Red packets (DESIGN §5): split at send time, one share per claim, the rest back to the sender after 24 h. */
export class RedPacketsService {
  constructor(private readonly deps: RedPacketsDeps) {}

  async create(userId: string, input: CreateRedPacket): Promise<{ packet: RedPacket; message: Message }> {
    const { db, chat } = this.deps;
    const { conversation } = await chat.requireMember(input.conversationId, userId);
    if (input.type === 'single' && conversation.type !== 'direct')
      throw new AppError('validation_failed', 'A 1:1 red packet goes to a direct chat', {
        type: 'Use lucky or equal in a group',
      });
    if (input.type !== 'single' && conversation.type !== 'group')
      throw new AppError('validation_failed', 'Lucky and equal red packets are for groups', {
        type: 'Use single in a direct chat',
      });
    const maxShares = Math.min(REDPACKET_MAX_SHARES, conversation.memberCount);
    if (input.shares > maxShares)
      throw new AppError('validation_failed', `At most ${maxShares} shares in this group`, {
        shares: `At most ${maxShares}`,
      });
    const recipientId =
      conversation.type === 'direct' ? conversation.directKey!.split(':').find((id) => id !== userId)! : null;
    await this.deps.pins.verify(userId, input.pin);
    const amounts =
      input.type === 'lucky' ? splitLucky(input.totalFen, input.shares) : splitEqual(input.totalFen, input.shares);

    const { packet, message } = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(redPackets)
        .values({
          senderId: userId,
          conversationId: conversation.id,
          type: input.type,
          totalFen: input.totalFen,
          shares: input.shares,
          greeting: input.greeting || DEFAULT_GREETING,
          recipientId,
          expiresAt: new Date(Date.now() + REDPACKET_TTL_HOURS * 3_600_000),
        })
        .returning();
      await tx.insert(redPacketShares).values(amounts.map((amountFen, idx) => ({ packetId: row!.id, idx, amountFen })));
      await postEntry(tx, { kind: 'redpacket_hold', refId: row!.id, conversationId: conversation.id }, [
        { accountId: await userAccount(tx, userId), amountFen: -input.totalFen, counterpartyId: recipientId },
        { accountId: await escrowAccount(tx), amountFen: input.totalFen },
      ]);
      const message = await chat.post(tx, {
        conversationId: conversation.id,
        senderId: userId,
        kind: 'redpacket',
        body: {
          packetId: row!.id,
          type: input.type,
          greeting: row!.greeting,
          shares: input.shares,
        } satisfies RedPacketBody,
      });
      // A packet just made has no claims yet.
      const result = { packet: presentPacket(row!, { claimedShares: 0, claimedFen: 0 }), message };
      await settleIdempotent(tx, result);
      return result;
    });
    chat.emitTo(await activeMemberIds(db, conversation.id), 'message:new', { message });
    await notifyBalances(db, chat, [userId]);
    return { packet, message };
  }

  /**
   * Takes one unclaimed share in one transaction (`redpacket_claim`, ADR 0005): the share row is locked with SKIP
   * LOCKED, so concurrent claimers take different shares instead of queueing on one; (packet, claimer) is unique, so
   * nobody gets two. The event is built from what the claim returned, without re-reading the packet.
   */
  async claim(userId: string, packetId: string, now = new Date()): Promise<{ amountFen: number }> {
    const { db, chat } = this.deps;
    const claimed = await claimShare(db, { userId, packetId, now });
    const { packet, amountFen } = claimed;
    const presented = presentPacket(packet, claimed);
    // The sender and the claimer hear of every claim; when the last share goes, every member does (bubbles fade).
    const audience =
      presented.status === 'finished' ? await activeMemberIds(db, packet.conversationId) : [packet.senderId, userId];
    chat.emitTo(audience, 'redpacket:claimed', { packet: presented, userId, amountFen });
    await notifyBalances(db, chat, [userId]);
    return { amountFen };
  }

  async detail(userId: string, packetId: string): Promise<RedPacketDetail> {
    const packet = await this.requireVisible(userId, packetId);
    const shares = await this.deps.db
      .select()
      .from(redPacketShares)
      .where(eq(redPacketShares.packetId, packetId))
      .orderBy(asc(redPacketShares.claimedAt));
    const claimed = shares.filter((s) => s.claimedBy);
    const done = claimed.length === packet.shares || !!packet.refundedAt;
    const best =
      done && packet.type === 'lucky' && claimed.length > 1 ? Math.max(...claimed.map((s) => s.amountFen)) : null;
    let bestMarked = false;
    const claims = claimed.map((s) => {
      const isBest = best !== null && !bestMarked && s.amountFen === best;
      bestMarked ||= isBest;
      return { userId: s.claimedBy!, amountFen: s.amountFen, at: s.claimedAt!.toISOString(), best: isBest };
    });
    return {
      packet: await this.present(packet),
      claims,
      mine: claimed.find((s) => s.claimedBy === userId)?.amountFen ?? null,
    };
  }

  /**
   * Returns the unclaimed rest of every packet past its expiry to the sender. The UPDATE marks the leftover shares
   * (waiting for claims in flight to finish), and `refunded_at` is set in the same transaction under a row lock, so a
   * restart or a second node never refunds twice and no claim lands after the refund.
   */
  async expireDue(now: Date = new Date()): Promise<number> {
    const { db, chat } = this.deps;
    const due = await db
      .select({ id: redPackets.id })
      .from(redPackets)
      .where(and(isNull(redPackets.refundedAt), lt(redPackets.expiresAt, now)))
      .limit(500);
    let refunded = 0;
    for (const { id } of due) {
      const result = await db.transaction(async (tx) => {
        const [packet] = await tx
          .select()
          .from(redPackets)
          .where(and(eq(redPackets.id, id), isNull(redPackets.refundedAt)))
          .for('update', { skipLocked: true });
        if (!packet) return undefined;
        const leftovers = await tx
          .update(redPacketShares)
          .set({ claimedAt: sql`now()` })
          .where(
            and(eq(redPacketShares.packetId, id), isNull(redPacketShares.claimedBy), isNull(redPacketShares.claimedAt)),
          )
          .returning({ amountFen: redPacketShares.amountFen });
        const restFen = leftovers.reduce((s, l) => s + l.amountFen, 0);
        await tx
          .update(redPackets)
          .set({ refundedAt: sql`now()` })
          .where(eq(redPackets.id, id));
        if (!restFen) return { packet, line: undefined };
        await postEntry(tx, { kind: 'redpacket_refund', refId: id, conversationId: packet.conversationId }, [
          { accountId: await escrowAccount(tx), amountFen: -restFen },
          { accountId: await userAccount(tx, packet.senderId), amountFen: restFen },
        ]);
        const line = await chat.post(tx, {
          conversationId: packet.conversationId,
          senderId: null,
          kind: 'system',
          body: { event: 'redpacket_returned', packetId: id, amountFen: restFen, actorId: packet.senderId },
        });
        return { packet, line };
      });
      if (!result?.line) continue;
      refunded++;
      chat.emitTo(await activeMemberIds(db, result.packet.conversationId), 'message:new', { message: result.line });
      await notifyBalances(db, chat, [result.packet.senderId]);
    }
    return refunded;
  }

  private async requireVisible(userId: string, packetId: string): Promise<RedPacketRow> {
    const [packet] = await this.deps.db.select().from(redPackets).where(eq(redPackets.id, packetId));
    if (!packet) throw new AppError('not_found', 'No such red packet');
    if (packet.senderId === userId || packet.recipientId === userId) return packet;
    const member = await findMembership(this.deps.db, packet.conversationId, userId);
    if (!member || (packet.recipientId && packet.recipientId !== userId))
      throw new AppError('forbidden', 'This red packet is not for you');
    return packet;
  }

  private async present(row: RedPacketRow): Promise<RedPacket> {
    const [agg] = await this.deps.db
      .select({
        claimedShares: sql<number>`count(${redPacketShares.claimedBy})::int`,
        claimedFen: sql<number>`coalesce(sum(${redPacketShares.amountFen}) filter (where ${redPacketShares.claimedBy} is not null), 0)::int`,
      })
      .from(redPacketShares)
      .where(eq(redPacketShares.packetId, row.id));
    return presentPacket(row, { claimedShares: agg?.claimedShares ?? 0, claimedFen: agg?.claimedFen ?? 0 });
  }
}

function presentPacket(row: RedPacketRow, counts: { claimedShares: number; claimedFen: number }): RedPacket {
  const { claimedShares, claimedFen } = counts;
  return {
    id: row.id,
    senderId: row.senderId,
    conversationId: row.conversationId,
    type: row.type,
    totalFen: row.totalFen,
    shares: row.shares,
    claimedShares,
    claimedFen,
    greeting: row.greeting,
    status:
      claimedShares === row.shares ? 'finished' : row.refundedAt || row.expiresAt <= new Date() ? 'expired' : 'open',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  } satisfies RedPacket;
}
