import { TRANSFER_TTL_HOURS, type CreateTransfer, type Message, type Transfer, type TransferBody } from '@app/shared';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { ConversationService } from '../chat/chat.conversations';
import type { ChatService } from '../chat/chat.service';
import { activeMemberIds } from '../chat/chat.repo';
import { isBlockedEitherWay, isFriend } from '../friends/friends.repo';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { escrowAccount, postEntry, userAccount } from '../wallet/wallet.ledger';
import { notifyBalances } from '../wallet/wallet.notify';
import type { PaymentPins } from '../wallet/wallet.pin';
import { transfers, type TransferRow } from './transfers.tables';
import { settleIdempotent } from '../wallet/wallet.idempotency';

export interface TransfersDeps {
  db: Db;
  chat: ChatService;
  conversations: ConversationService;
  pins: PaymentPins;
}

type Outcome = 'accepted' | 'declined' | 'expired';

export function presentTransfer(row: TransferRow): Transfer {
  return {
    id: row.id,
    fromUserId: row.fromUserId,
    toUserId: row.toUserId,
    amountFen: row.amountFen,
    note: row.note,
    status: row.status,
    conversationId: row.conversationId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    settledAt: row.settledAt?.toISOString() ?? null,
  } satisfies Transfer;
}

/** Transfers to friends (DESIGN §5): money waits in escrow; accepted → the friend, declined or 24 h → back. */
export class TransfersService {
  constructor(private readonly deps: TransfersDeps) {}

  async create(userId: string, input: CreateTransfer): Promise<{ transfer: Transfer; message: Message }> {
    const { db, chat } = this.deps;
    if (input.toUserId === userId)
      throw new AppError('validation_failed', 'You cannot transfer to yourself', { toUserId: 'That is you' });
    if (await isBlockedEitherWay(db, userId, input.toUserId))
      throw new AppError('blocked', 'You cannot send money to this person');
    if (!(await isFriend(db, userId, input.toUserId)))
      throw new AppError('not_friends', 'You can only transfer to friends');
    await this.deps.pins.verify(userId, input.pin);
    const { transfer, message } = await db.transaction(async (tx) => {
      const { conversation } = await this.deps.conversations.getOrCreateDirect(tx, userId, input.toUserId);
      const [row] = await tx
        .insert(transfers)
        .values({
          fromUserId: userId,
          toUserId: input.toUserId,
          conversationId: conversation.id,
          amountFen: input.amountFen,
          note: input.note || null,
          expiresAt: new Date(Date.now() + TRANSFER_TTL_HOURS * 3_600_000),
        })
        .returning();
      await postEntry(
        tx,
        { kind: 'transfer_hold', refId: row!.id, conversationId: conversation.id, memo: input.note },
        [
          { accountId: await userAccount(tx, userId), amountFen: -input.amountFen, counterpartyId: input.toUserId },
          { accountId: await escrowAccount(tx), amountFen: input.amountFen },
        ],
      );
      const message = await chat.post(tx, {
        conversationId: conversation.id,
        senderId: userId,
        kind: 'transfer',
        body: { transferId: row!.id, amountFen: input.amountFen, note: input.note ?? null } satisfies TransferBody,
      });
      const result = { transfer: presentTransfer(row!), message };
      await settleIdempotent(tx, result);
      return result;
    });
    chat.emitTo(await activeMemberIds(db, message.conversationId), 'message:new', { message });
    await notifyBalances(db, chat, [userId]);
    return { transfer, message };
  }

  async get(userId: string, id: string): Promise<Transfer> {
    const [row] = await this.deps.db.select().from(transfers).where(eq(transfers.id, id));
    if (!row || (row.fromUserId !== userId && row.toUserId !== userId))
      throw new AppError('not_found', 'No such transfer');
    return presentTransfer(row);
  }

  accept(userId: string, id: string): Promise<Transfer> {
    return this.settle(id, 'accepted', userId);
  }

  decline(userId: string, id: string): Promise<Transfer> {
    return this.settle(id, 'declined', userId);
  }

  /**
   * Returns every transfer pending past its expiry (`now` is a parameter so tests drive the clock). Each one settles
   * in its own transaction under a row lock with the status re-checked, so a restart mid-way or a second node running
   * the same job never pays twice and never skips one.
   */
  async expireDue(now: Date = new Date()): Promise<number> {
    const due = await this.deps.db
      .select({ id: transfers.id })
      .from(transfers)
      .where(and(eq(transfers.status, 'pending'), lt(transfers.expiresAt, now)))
      .limit(500);
    let settled = 0;
    for (const { id } of due) {
      try {
        await this.settle(id, 'expired', null, now);
        settled++;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'transfer_settled')) throw err;
      }
    }
    return settled;
  }

  private async settle(id: string, outcome: Outcome, actorId: string | null, now = new Date()): Promise<Transfer> {
    const { db, chat } = this.deps;
    const { row, line } = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
      if (!row || (actorId && row.toUserId !== actorId))
        throw new AppError('not_found', 'No such transfer waiting for you');
      if (row.status !== 'pending') throw new AppError('transfer_settled', `This transfer was already ${row.status}`);
      if (outcome !== 'expired' && row.expiresAt <= now)
        throw new AppError('transfer_settled', 'This transfer has expired and is going back');
      const paidTo = outcome === 'accepted' ? row.toUserId : row.fromUserId;
      await postEntry(
        tx,
        {
          kind: outcome === 'accepted' ? 'transfer_release' : 'transfer_refund',
          refId: row.id,
          conversationId: row.conversationId,
        },
        [
          { accountId: await escrowAccount(tx), amountFen: -row.amountFen },
          {
            accountId: await userAccount(tx, paidTo),
            amountFen: row.amountFen,
            counterpartyId: paidTo === row.toUserId ? row.fromUserId : row.toUserId,
          },
        ],
      );
      const [updated] = await tx
        .update(transfers)
        .set({ status: outcome, settledAt: sql`now()` })
        .where(eq(transfers.id, id))
        .returning();
      const line = await this.postLine(tx, updated!, outcome, actorId);
      return { row: updated!, line };
    });
    const transfer = presentTransfer(row);
    const people = [row.fromUserId, row.toUserId];
    chat.emitTo(people, 'transfer:updated', { transfer });
    chat.emitTo(await activeMemberIds(db, row.conversationId), 'message:new', { message: line });
    await notifyBalances(db, chat, people);
    return transfer;
  }

  private postLine(tx: Tx, row: TransferRow, outcome: Outcome, actorId: string | null): Promise<Message> {
    return this.deps.chat.post(tx, {
      conversationId: row.conversationId,
      senderId: null,
      kind: 'system',
      body: {
        event: `transfer_${outcome}`,
        transferId: row.id,
        amountFen: row.amountFen,
        ...(actorId ? { actorId } : {}),
      },
    });
  }
}
