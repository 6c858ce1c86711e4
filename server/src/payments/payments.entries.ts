import { eq, inArray } from 'drizzle-orm';
import { miniapps } from '../miniapps/miniapps.tables';
import type { Db } from '../schema';
import { paymentOrders, paymentRefunds } from './payments.tables';

/** The mini-program behind a journal entry that payments wrote, for the person's wallet statement. */
export interface EntryApp {
  appId: string;
  /** The app's registry name (never text from the app's own backend or iframe). */
  appName: string;
  /** The order's description, as the app's backend created it. */
  description: string;
}

/**
 * For the entries among `entryIds` that are mini-program payments, debits or refunds: which app and which order.
 * Both lookups go by indexed entry ids (migration 0011), so a statement page costs two small queries.
 */
export async function appsOfEntries(db: Db, entryIds: readonly string[]): Promise<Map<string, EntryApp>> {
  const found = new Map<string, EntryApp>();
  if (!entryIds.length) return found;
  const ids = [...entryIds];
  const paid = await db
    .select({
      entryId: paymentOrders.paymentEntryId,
      appId: miniapps.appId,
      appName: miniapps.name,
      description: paymentOrders.description,
    })
    .from(paymentOrders)
    .innerJoin(miniapps, eq(miniapps.appId, paymentOrders.appId))
    .where(inArray(paymentOrders.paymentEntryId, ids));
  const refunded = await db
    .select({
      entryId: paymentRefunds.entryId,
      appId: miniapps.appId,
      appName: miniapps.name,
      description: paymentOrders.description,
    })
    .from(paymentRefunds)
    .innerJoin(paymentOrders, eq(paymentOrders.id, paymentRefunds.orderId))
    .innerJoin(miniapps, eq(miniapps.appId, paymentRefunds.appId))
    .where(inArray(paymentRefunds.entryId, ids));
  for (const { entryId, ...app } of [...paid, ...refunded]) if (entryId) found.set(entryId, app);
  return found;
}
