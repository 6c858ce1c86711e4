import { and, eq, inArray } from 'drizzle-orm';
import type { ChatService } from '../chat/chat.service';
import type { Db } from '../schema';
import { accounts } from './wallet.tables';

/** Tells each user their new balance on all their devices (`wallet:updated`). */
export async function notifyBalances(db: Db, chat: ChatService, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  const rows = await db
    .select({ ownerId: accounts.ownerId, balanceFen: accounts.balanceFen })
    .from(accounts)
    .where(and(eq(accounts.kind, 'user'), inArray(accounts.ownerId, userIds)));
  for (const row of rows) chat.emitTo([row.ownerId!], 'wallet:updated', { balanceFen: row.balanceFen });
}
