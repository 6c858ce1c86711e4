import type { CreateDebit, HostAgreement, OpenAgreement, OpenOrder, SignAgreement } from '@app/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { BridgeService } from '../bridge/bridge.service';
import type { ChatService } from '../chat/chat.service';
import { miniapps } from '../miniapps/miniapps.tables';
import { openIds } from '../openapi/openapi.tables';
import { databaseErrorOf } from '../platform/db-errors';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { postEntry, userAccount } from '../wallet/wallet.ledger';
import { notifyBalances } from '../wallet/wallet.notify';
import type { PaymentPins } from '../wallet/wallet.pin';
import { merchantAccount, newId, openIdOf } from './payments.ids';
import { presentOpenOrder } from './payments.presenter';
import { debitAgreements, paymentOrders, type AgreementRow } from './payments.tables';
import type { Webhooks } from './payments.webhooks';
import { settleIdempotent } from '../wallet/wallet.idempotency';

export interface DebitsDeps {
  db: Db;
  chat: ChatService;
  pins: PaymentPins;
  bridge: BridgeService;
  webhooks: Webhooks;
}

/** Fen charged through an agreement since the start of the current calendar month (UTC). */
async function usedThisMonth(db: Db | Tx, agreementId: string): Promise<number> {
  const [row] = await db
    .select({ used: sql<string>`coalesce(sum(${paymentOrders.amountFen}), 0)` })
    .from(paymentOrders)
    .where(
      and(
        eq(paymentOrders.agreementId, agreementId),
        sql`${paymentOrders.paidAt} >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'`,
      ),
    );
  return Number(row?.used ?? 0);
}

/**
 * Debit agreements ("ride now, pay later", DESIGN §6): the person signs with their PIN after granting the app the
 * `payment.debit` scope; the app's backend then charges without a PIN, within a monthly limit. Each charge holds the
 * agreement's row lock from the limit check to the commit, so concurrent charges cannot together pass the limit.
 */
export class Debits {
  constructor(private readonly deps: DebitsDeps) {}

  async sign(userId: string, input: SignAgreement): Promise<{ agreementId: string }> {
    const { db, bridge, pins } = this.deps;
    const [app] = await db.select({ status: miniapps.status }).from(miniapps).where(eq(miniapps.appId, input.appId));
    if (!app || app.status !== 'active') throw new AppError('not_found', 'No such mini-program');
    if ((await bridge.scopeState(userId, input.appId, 'payment.debit')) !== 'granted')
      throw new AppError('scope_denied', 'Allow this mini-program to charge you (payment.debit) first');
    await pins.verify(userId, input.pin);
    const id = newId('agr');
    await db.transaction(async (tx) => {
      await openIdOf(tx, input.appId, userId);
      await tx.insert(debitAgreements).values({
        id,
        appId: input.appId,
        userId,
        description: input.description,
        monthlyLimitFen: input.monthlyLimitFen,
      });
      await settleIdempotent(tx, { agreementId: id });
    });
    return { agreementId: id };
  }

  async mine(userId: string): Promise<HostAgreement[]> {
    const rows = await this.deps.db
      .select({ agreement: debitAgreements, appName: miniapps.name })
      .from(debitAgreements)
      .innerJoin(miniapps, eq(miniapps.appId, debitAgreements.appId))
      .where(eq(debitAgreements.userId, userId))
      .orderBy(desc(debitAgreements.createdAt))
      .limit(100);
    return Promise.all(
      rows.map(async ({ agreement: a, appName }) => ({
        agreementId: a.id,
        appId: a.appId,
        appName,
        description: a.description,
        monthlyLimitFen: a.monthlyLimitFen,
        usedThisMonthFen: await usedThisMonth(this.deps.db, a.id),
        status: a.status,
        createdAt: a.createdAt.toISOString(),
      })),
    );
  }

  /** The person ends an agreement; later charges fail. Cancelling twice is fine. */
  async cancel(userId: string, agreementId: string): Promise<void> {
    const [row] = await this.deps.db
      .update(debitAgreements)
      .set({ status: 'cancelled', cancelledAt: sql`now()` })
      .where(and(eq(debitAgreements.id, agreementId), eq(debitAgreements.userId, userId)))
      .returning({ id: debitAgreements.id });
    if (!row) throw new AppError('not_found', 'No such agreement');
  }

  async get(appId: string, agreementId: string): Promise<OpenAgreement> {
    const row = await this.find(this.deps.db, appId, agreementId);
    const [open] = await this.deps.db
      .select({ openId: openIds.openId })
      .from(openIds)
      .where(and(eq(openIds.appId, appId), eq(openIds.userId, row.userId)));
    return {
      agreementId: row.id,
      openId: open?.openId ?? '',
      description: row.description,
      monthlyLimit: row.monthlyLimitFen,
      usedThisMonth: await usedThisMonth(this.deps.db, row.id),
      status: row.status,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** Charges the agreement (no PIN), idempotent on (app, outTradeNo); the order is born paid. */
  async debit(appId: string, input: CreateDebit): Promise<{ created: boolean; order: OpenOrder }> {
    const { db } = this.deps;
    let result: { created: boolean; order: OpenOrder; userId: string };
    try {
      result = await db.transaction(async (tx) => {
        const agreement = await this.find(tx, appId, input.agreementId, true);
        const [prior] = await tx
          .select()
          .from(paymentOrders)
          .where(and(eq(paymentOrders.appId, appId), eq(paymentOrders.outTradeNo, input.outTradeNo)));
        if (prior) {
          if (prior.agreementId !== agreement.id || prior.amountFen !== input.amount)
            throw new AppError('conflict', 'This outTradeNo was already used for a different order');
          return { created: false, order: presentOpenOrder(prior), userId: agreement.userId };
        }
        if (agreement.status !== 'active') throw new AppError('wrong_state', 'The person cancelled this agreement');
        const used = await usedThisMonth(tx, agreement.id);
        if (used + input.amount > agreement.monthlyLimitFen) {
          throw new AppError(
            'debit_limit_exceeded',
            `This charge would pass the monthly limit (${agreement.monthlyLimitFen - used} fen left this month)`,
          );
        }
        const description = input.description ?? agreement.description;
        const entryId = await postEntry(tx, { kind: 'debit', memo: description }, [
          { accountId: await userAccount(tx, agreement.userId), amountFen: -input.amount },
          { accountId: await merchantAccount(tx, appId), amountFen: input.amount },
        ]);
        const now = new Date();
        const [row] = await tx
          .insert(paymentOrders)
          .values({
            id: newId('ord'),
            appId,
            outTradeNo: input.outTradeNo,
            openId: await openIdOf(tx, appId, agreement.userId),
            userId: agreement.userId,
            amountFen: input.amount,
            description,
            status: 'paid',
            agreementId: agreement.id,
            paymentEntryId: entryId,
            createdAt: now,
            expiresAt: now,
            paidAt: now,
          })
          .returning();
        const order = presentOpenOrder(row!);
        await this.deps.webhooks.enqueue(tx, appId, 'debit.succeeded', { order });
        return { created: true, order, userId: agreement.userId };
      });
    } catch (err) {
      if (databaseErrorOf(err)?.code === '23505')
        throw new AppError('conflict', 'This outTradeNo was already used for a different order');
      throw err;
    }
    if (result.created) await notifyBalances(db, this.deps.chat, [result.userId]);
    return { created: result.created, order: result.order };
  }

  private async find(db: Db | Tx, appId: string, agreementId: string, lock = false): Promise<AgreementRow> {
    const query = db
      .select()
      .from(debitAgreements)
      .where(and(eq(debitAgreements.id, agreementId), eq(debitAgreements.appId, appId)));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new AppError('not_found', 'No such agreement with your app');
    return row;
  }
}
