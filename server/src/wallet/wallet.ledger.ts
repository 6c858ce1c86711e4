import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { CHECK_VIOLATION, databaseErrorOf } from '../platform/db-errors';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { accounts, journalEntries, journalLines } from './wallet.tables';

export interface Leg {
  accountId: string;
  /** Signed fen added to the account's balance. */
  amountFen: number;
  counterpartyId?: string | null;
}

export interface EntryInfo {
  kind: string;
  refId?: string | null;
  memo?: string | null;
  conversationId?: string | null;
}

/**
 * Posts one double-entry movement inside the caller's transaction: the lines sum to zero, balances change by
 * `balance = balance + amount` (never read-then-write), and an overdraft trips the accounts CHECK constraint and
 * becomes `insufficient_funds`, rolling the whole movement back.
 *
 * Lock order (the same for every movement, so no deadlocks): people's and merchants' accounts by id, then the
 * platform's shared accounts (escrow, external) last. The shared rows are the hot ones — every red-packet claim moves
 * money out of escrow — so they are locked as late as possible and held only until the commit.
 */
export async function postEntry(tx: Tx, info: EntryInfo, legs: Leg[]): Promise<string> {
  if (legs.some((l) => !Number.isSafeInteger(l.amountFen) || l.amountFen === 0))
    throw new AppError('internal', 'Bad journal line');
  if (legs.reduce((sum, l) => sum + l.amountFen, 0) !== 0) throw new AppError('internal', 'Unbalanced journal entry');
  const [entry] = await tx
    .insert(journalEntries)
    .values({
      kind: info.kind,
      refId: info.refId ?? null,
      memo: info.memo ?? null,
      conversationId: info.conversationId ?? null,
    })
    .returning({ id: journalEntries.id });
  const shared = await sharedAccountIds(
    tx,
    legs.map((l) => l.accountId),
  );
  const rank = (l: Leg) => (shared.has(l.accountId) ? 1 : 0);
  const ordered = [...legs].sort(
    (a, b) => rank(a) - rank(b) || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );
  for (const leg of ordered) {
    let balanceAfterFen: number;
    try {
      const [row] = await tx
        .update(accounts)
        .set({ balanceFen: sql`${accounts.balanceFen} + ${leg.amountFen}` })
        .where(eq(accounts.id, leg.accountId))
        .returning({ balanceFen: accounts.balanceFen });
      if (!row) throw new AppError('internal', 'Unknown account');
      balanceAfterFen = row.balanceFen;
    } catch (err) {
      if (databaseErrorOf(err)?.code === CHECK_VIOLATION)
        throw new AppError('insufficient_funds', 'Not enough money in the wallet');
      throw err;
    }
    await tx.insert(journalLines).values({
      entryId: entry!.id,
      accountId: leg.accountId,
      amountFen: leg.amountFen,
      balanceAfterFen,
      counterpartyId: leg.counterpartyId ?? null,
    });
  }
  return entry!.id;
}

/** One page of an account's journal lines with their entries, newest first, paged by line id. */
export async function journalPage(db: Db | Tx, accountId: string, cursor: string | undefined, limit: number) {
  const rows = await db
    .select({ line: journalLines, entry: journalEntries })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(eq(journalLines.accountId, accountId), cursor ? lt(journalLines.id, Number(cursor)) : undefined))
    .orderBy(desc(journalLines.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? String(page.at(-1)!.line.id) : null };
}

type AccountKind = (typeof accounts.$inferSelect)['kind'];

/** The account of (kind, owner), created on first use (a plain lookup in the common case). */
export async function accountFor(db: Db | Tx, kind: AccountKind, ownerId: string | null): Promise<string> {
  const find = () =>
    db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.kind, kind), ownerId ? eq(accounts.ownerId, ownerId) : isNull(accounts.ownerId)));
  const [found] = await find();
  if (found) return found.id;
  await db.insert(accounts).values({ kind, ownerId }).onConflictDoNothing();
  const [row] = await find();
  return row!.id;
}

/** Which of these accounts are the platform's shared ones (locked last by postEntry). */
async function sharedAccountIds(db: Db | Tx, ids: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(inArray(accounts.id, ids), inArray(accounts.kind, ['escrow', 'external'])));
  return new Set(rows.map((r) => r.id));
}

export const userAccount = (db: Db | Tx, userId: string) => accountFor(db, 'user', userId);
export const escrowAccount = (db: Db | Tx) => accountFor(db, 'escrow', null);
export const externalAccount = (db: Db | Tx) => accountFor(db, 'external', null);

/** DESIGN §5 invariants, computed live: Σ balances = 0, each balance = Σ its lines, no overdraft, balanced entries. */
export async function checkLedger(db: Db | Tx) {
  const rows = (await db.execute(sql`
    select a.id, a.kind, a.balance_fen::bigint as balance, coalesce(sum(l.amount_fen), 0)::bigint as journal
    from accounts a left join journal_lines l on l.account_id = a.id
    group by a.id`)) as unknown as {
    rows: Array<{ id: string; kind: string; balance: string | number; journal: string | number }>;
  };
  const unbalanced = (await db.execute(sql`
    select entry_id from journal_lines group by entry_id having sum(amount_fen) <> 0`)) as unknown as {
    rows: Array<{ entry_id: string }>;
  };
  const list = rows.rows.map((r) => ({
    accountId: r.id,
    kind: r.kind,
    balanceFen: Number(r.balance),
    journalFen: Number(r.journal),
  }));
  const sumFen = list.reduce((s, a) => s + a.balanceFen, 0);
  const mismatches = list
    .filter((a) => a.balanceFen !== a.journalFen)
    .map(({ accountId, balanceFen, journalFen }) => ({ accountId, balanceFen, journalFen }));
  const negative = list
    .filter((a) => a.kind !== 'external' && a.balanceFen < 0)
    .map(({ accountId, kind, balanceFen }) => ({ accountId, kind, balanceFen }));
  const unbalancedEntries = unbalanced.rows.map((r) => r.entry_id);
  return {
    ok: sumFen === 0 && !mismatches.length && !negative.length && !unbalancedEntries.length,
    sumFen,
    accounts: list.length,
    mismatches,
    negative,
    unbalancedEntries,
  };
}
