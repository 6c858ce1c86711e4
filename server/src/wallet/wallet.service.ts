import type { LedgerCheck, Statement, StatementLine, Wallet } from '@app/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../schema';
import { settleIdempotent } from './wallet.idempotency';
import { checkLedger, externalAccount, journalPage, postEntry, userAccount } from './wallet.ledger';
import type { PaymentPins } from './wallet.pin';
import { accounts } from './wallet.tables';

/** Journal kinds the payments feature writes: a mini-program payment, automatic debit and refund. */
const APP_KINDS = new Set(['payment', 'debit', 'refund']);

/** Who a mini-program entry was with (the payments feature answers it; see payments.entries.ts). */
export type EntryApps = (
  entryIds: string[],
) => Promise<Map<string, { appId: string; appName: string; description: string }>>;

export class WalletService {
  constructor(
    private readonly db: Db,
    readonly pins: PaymentPins,
    /** Names the app behind payment, debit and refund entries; none → those lines carry no app. */
    private readonly entryApps: EntryApps = async () => new Map(),
  ) {}

  async wallet(userId: string, db: Db | Tx = this.db): Promise<Wallet> {
    const [row] = await db
      .select({ balanceFen: accounts.balanceFen })
      .from(accounts)
      .where(and(eq(accounts.kind, 'user'), eq(accounts.ownerId, userId)));
    const pin = await this.pins.status(userId, db);
    return {
      balanceFen: row?.balanceFen ?? 0,
      hasPin: pin.hasPin,
      lockedUntil: pin.lockedUntil?.toISOString() ?? null,
    };
  }

  /** Sandbox card top-up: money comes in from the external account. */
  async topup(userId: string, amountFen: number): Promise<Wallet> {
    return this.db.transaction(async (tx) => {
      const [mine, external] = [await userAccount(tx, userId), await externalAccount(tx)];
      await postEntry(tx, { kind: 'topup', memo: 'Sandbox card' }, [
        { accountId: external, amountFen: -amountFen },
        { accountId: mine, amountFen },
      ]);
      const wallet = await this.wallet(userId, tx);
      await settleIdempotent(tx, wallet);
      return wallet;
    });
  }

  /** The user's movements, newest first, paged by line id. */
  async statement(userId: string, cursor: string | undefined, limit: number): Promise<Statement> {
    const { page, nextCursor } = await journalPage(this.db, await userAccount(this.db, userId), cursor, limit);
    const apps = await this.entryApps(
      page.filter(({ entry }) => APP_KINDS.has(entry.kind)).map(({ entry }) => entry.id),
    );
    return {
      lines: page.map(({ line, entry }) => {
        const app = apps.get(entry.id);
        return {
          id: String(line.id),
          entryId: entry.id,
          kind: entry.kind,
          amountFen: line.amountFen,
          balanceAfterFen: line.balanceAfterFen,
          memo: app ? app.description : entry.memo,
          counterpartyId: line.counterpartyId,
          conversationId: entry.conversationId,
          app: app ? { appId: app.appId, name: app.appName } : null,
          createdAt: line.createdAt.toISOString(),
        } satisfies StatementLine;
      }),
      nextCursor,
    };
  }

  ledgerCheck(): Promise<LedgerCheck> {
    return checkLedger(this.db);
  }
}
