import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { miniapps } from '../miniapps/miniapps.tables';
import { users } from '../users/users.tables';

/** One-time codes behind bridge `auth.login`: bound to one app and one user, 5 minutes, used once. Stored hashed. */
export const loginCodes = pgTable(
  'miniapp_login_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('miniapp_login_codes_expiry_idx').on(t.expiresAt)],
);

/** What a person allowed or denied each app (DESIGN §6 consent); a denied scope fails at once with scope_denied. */
export const consents = pgTable(
  'miniapp_consents',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    scope: text('scope', { enum: ['profile', 'payment.debit', 'location', 'camera'] }).notNull(),
    granted: boolean('granted').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.appId, t.scope] })],
);

/**
 * Accepted subscribe-message templates (bridge `subscribe.request`): each accept adds one to `remaining`; each
 * service message the app sends spends one (a conditional UPDATE, so concurrent sends cannot spend the same one).
 */
export const subscriptions = pgTable(
  'miniapp_subscriptions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    templateId: text('template_id').notNull(),
    remaining: integer('remaining').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.appId, t.templateId] }),
    check('miniapp_subscriptions_remaining', sql`${t.remaining} between 0 and 1000`),
  ],
);

/**
 * Bridge `storage.*` (DESIGN §6 v1.1): a key-value store per (person, app), kept by the platform because a
 * mini-program is a cross-site frame without localStorage. Values are strings ≤ 4 KB (a CHECK), keys
 * ≤ 128 characters; the 1,024-keys quota is enforced by the service.
 */
export const miniappStorage = pgTable(
  'miniapp_storage',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.appId, t.key] }),
    check('miniapp_storage_key_length', sql`char_length(${t.key}) between 1 and 128`),
    check('miniapp_storage_value_size', sql`octet_length(${t.value}) <= 4096`),
  ],
);
