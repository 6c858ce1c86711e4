import { index, pgSchema, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import { APP_NAME_PATTERN } from '../server/env';

/**
 * The Postgres schema of an app named `name` (`app_<name>`); throws a TypeError for a name that is not a-z, 0-9, _.
 *
 * @example
 * appSchemaName('hello'); // 'app_hello' — e.g. for pg_dump --schema=app_hello
 */
export function appSchemaName(name: string): string {
  if (!APP_NAME_PATTERN.test(name)) throw new TypeError(`App name "${name}": use a-z, 0-9 and _ (e.g. hello)`);
  return `app_${name}`;
}

/**
 * The app's own Postgres schema (`app_<name>`) for its Drizzle tables: declare every table on it, so the app's
 * migrations create nothing outside it and two apps on one database never share a table name.
 *
 * @example
 * import { appSchema, kitTables } from '@app/miniapp-sdk/db';
 *
 * export const hello = appSchema('hello');
 * export const { sessions, webhookEvents } = kitTables(hello);
 * export const notes = hello.table('notes', { id: text('id').primaryKey(), body: text('body').notNull() });
 */
export function appSchema<TName extends string>(name: TName): PgSchema<`app_${TName}`> {
  return pgSchema(appSchemaName(name) as `app_${TName}`);
}

/**
 * The server kit's own tables, declared in the app's schema so that the app's migrations create them: `sessions`
 * (app session tokens, stored as SHA-256 hashes, with their expiry) and `webhook_events` (ids of the webhook events
 * already applied: the primary key is what makes a delivery apply once).
 *
 * @example
 * export const { sessions, webhookEvents } = kitTables(appSchema('hello'));
 */
export function kitTables<TName extends string>(schema: PgSchema<TName>) {
  const sessions = schema.table(
    'sessions',
    {
      tokenHash: text('token_hash').primaryKey(),
      openId: text('open_id').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    },
    (t) => [index('sessions_expires_at_idx').on(t.expiresAt)],
  );
  const webhookEvents = schema.table('webhook_events', {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  });
  return { sessions, webhookEvents };
}

export type KitTables = ReturnType<typeof kitTables>;
