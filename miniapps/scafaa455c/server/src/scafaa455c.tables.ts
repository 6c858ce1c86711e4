import { appSchema, kitTables } from '@app/miniapp-sdk/db';
import { integer, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Scaffolded's own tables, in its own Postgres schema `app_scafaa455c` (or its PGlite directory). After a change here:
 * `pnpm --filter @app/miniapp-scafaa455c db:generate` writes the migration to server/drizzle.
 */
export const schema = appSchema('scafaa455c');

/** Session tokens (hashed) and the ids of webhook events already applied: the server kit's tables. */
export const { sessions, webhookEvents } = kitTables(schema);

/** How often each person (by openId, never a platform user id) opened the app. */
export const visits = schema.table('visits', {
  openId: text('open_id').primaryKey(),
  count: integer('count').notNull().default(0),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
});
