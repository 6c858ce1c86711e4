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
    scope: text('scope', { enum: ['profile', 'payment.debit', 'location'] }).notNull(),
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
