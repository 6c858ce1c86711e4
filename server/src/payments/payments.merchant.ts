import type { Merchant } from '@app/shared';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../schema';
import { accounts, journalEntries, journalLines } from '../wallet/wallet.tables';
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
  const rows = await db
    .select({ line: journalLines, entry: journalEntries })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(eq(journalLines.accountId, account), cursor ? lt(journalLines.id, Number(cursor)) : undefined))
    .orderBy(desc(journalLines.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
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
    nextCursor: rows.length > limit ? String(page.at(-1)!.line.id) : null,
  };
}
