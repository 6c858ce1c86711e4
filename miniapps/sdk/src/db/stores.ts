import { eq, lt } from 'drizzle-orm';
import type { SessionStore } from '../server/sessions';
import type { WebhookEventStore } from '../server/webhooks';
import type { AppDb, AppTx } from './open';
import type { KitTables } from './tables';

/**
 * The session store on the app's own database (the `sessions` table of `kitTables`).
 *
 * @example
 * const sessions = createAppSessions({ openApi, store: drizzleSessionStore(database.db, tables.sessions) });
 */
export function drizzleSessionStore<TSchema extends Record<string, unknown>>(
  db: AppDb<TSchema>,
  table: KitTables['sessions'],
): SessionStore {
  return {
    async insert(session) {
      await db.insert(table).values(session);
    },
    async find(tokenHash) {
      const [row] = await db.select().from(table).where(eq(table.tokenHash, tokenHash)).limit(1);
      return row && { tokenHash: row.tokenHash, openId: row.openId, expiresAt: row.expiresAt };
    },
    async deleteExpired(now) {
      return (await db.delete(table).where(lt(table.expiresAt, now)).returning({ tokenHash: table.tokenHash })).length;
    },
  };
}

/**
 * The webhook event store on the app's own database (the `webhook_events` table of `kitTables`): one transaction
 * inserts the event id (`on conflict do nothing`) and, only if the row is new, runs the app's handler with the same
 * transaction — so the handler's writes and "this event was applied" commit together or not at all.
 *
 * @example
 * const store = drizzleWebhookEvents(database.db, tables.webhookEvents);
 * app.post('/webhooks', webhookReceiver({ appId, secret, store, handle: async (event, tx) => { … } }));
 */
export function drizzleWebhookEvents<TSchema extends Record<string, unknown>>(
  db: AppDb<TSchema>,
  table: KitTables['webhookEvents'],
): WebhookEventStore<AppTx<TSchema>> {
  return {
    applyOnce: (event, apply) =>
      db.transaction(async (tx) => {
        const inserted = await tx
          .insert(table)
          .values({ id: event.id, type: event.type })
          .onConflictDoNothing({ target: table.id })
          .returning({ id: table.id });
        if (!inserted.length) return 'duplicate' as const;
        await apply(tx);
        return 'applied' as const;
      }),
  };
}
