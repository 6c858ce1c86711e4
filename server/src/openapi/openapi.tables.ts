import { pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { miniapps } from '../miniapps/miniapps.tables';
import { users } from '../users/users.tables';

/**
 * The pseudonymous id an app knows a person by: random, one per (app, user), so two apps cannot correlate
 * their users, and the platform can map it back (orders name an openId).
 */
export const openIds = pgTable(
  'miniapp_openids',
  {
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    openId: text('open_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.userId] }), unique('miniapp_openids_open_id_uq').on(t.openId)],
);
