import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { miniapps } from '../miniapps/miniapps.tables';

/**
 * Which registry app is which bundled mini-program (`miniapps/<name>/bundle.json`). Kept in the database, not in a
 * node's DATA_DIR, so every node of one platform publishes a bundled app once and finds the same appId; its secret
 * comes from the registry's sealed copy (ADR 0004).
 */
export const bundledApps = pgTable('bundled_apps', {
  name: text('name').primaryKey(),
  appId: text('app_id')
    .notNull()
    .unique()
    .references(() => miniapps.appId),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
