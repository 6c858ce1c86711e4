import type { Merchant } from '@app/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../schema';
import { journalPage } from '../wallet/wallet.ledger';
import { accounts } from '../wallet/wallet.tables';
import { merchantAccount } from './payments.ids';

/** The app's merchant account and its journal, newest first, paged by line id (developer portal). */
export async function merchantStatement(
  db: Db,
  appId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Merchant> {
  const account = await merchantAccount(db, appId);
  const [balance] = await db.select({ balanceFen: accounts.balanceFen }).from(accounts).where(eq(accounts.id, account));
  const { page, nextCursor } = await journalPage(db, account, cursor, limit);
  return {
    balanceFen: balance?.balanceFen ?? 0,
    lines: page.map(({ line, entry }) => ({
      id: String(line.id),
      kind: entry.kind,
      amountFen: line.amountFen,
      balanceAfterFen: line.balanceAfterFen,
      memo: entry.memo,
      createdAt: line.createdAt.toISOString(),
    })),
    nextCursor,
  };
}
