import type { LedgerCheck, Statement, Wallet } from '@app/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../schema';
import { checkLedger, externalAccount, journalPage, postEntry, userAccount } from './wallet.ledger';
import type { PaymentPins } from './wallet.pin';
import { accounts } from './wallet.tables';

export class WalletService {
  constructor(
    private readonly db: Db,
    readonly pins: PaymentPins,
  ) {}

  async wallet(userId: string): Promise<Wallet> {
    const [row] = await this.db
      .select({ balanceFen: accounts.balanceFen })
      .from(accounts)
      .where(and(eq(accounts.kind, 'user'), eq(accounts.ownerId, userId)));
    const pin = await this.pins.status(userId);
    return {
      balanceFen: row?.balanceFen ?? 0,
      hasPin: pin.hasPin,
      lockedUntil: pin.lockedUntil?.toISOString() ?? null,
    };
  }

  /** Sandbox card top-up: money comes in from the external account. */
  async topup(userId: string, amountFen: number): Promise<Wallet> {
    await this.db.transaction(async (tx) => {
      const [mine, external] = [await userAccount(tx, userId), await externalAccount(tx)];
      await postEntry(tx, { kind: 'topup', memo: 'Sandbox card' }, [
        { accountId: external, amountFen: -amountFen },
        { accountId: mine, amountFen },
      ]);
    });
    return this.wallet(userId);
  }

  /** The user's movements, newest first, paged by line id. */
  async statement(userId: string, cursor: string | undefined, limit: number): Promise<Statement> {
    const { page, nextCursor } = await journalPage(this.db, await userAccount(this.db, userId), cursor, limit);
    return {
      lines: page.map(({ line, entry }) => ({
        id: String(line.id),
        entryId: entry.id,
        kind: entry.kind,
        amountFen: line.amountFen,
        balanceAfterFen: line.balanceAfterFen,
        memo: entry.memo,
        counterpartyId: line.counterpartyId,
        conversationId: entry.conversationId,
        createdAt: line.createdAt.toISOString(),
      })),
      nextCursor,
    };
  }

  ledgerCheck(): Promise<LedgerCheck> {
    return checkLedger(this.db);
  }
}
