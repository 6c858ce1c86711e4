import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Manifest } from '@app/shared';

/** A manifest as stored: versions uploaded before templates were declared have no `subscribeTemplates`. */
export type StoredManifest = Omit<Manifest, 'subscribeTemplates'> & Partial<Pick<Manifest, 'subscribeTemplates'>>;
import { users } from '../users/users.tables';

export const miniapps = pgTable(
  'miniapps',
  {
    /** A DNS label (`mp` + 10 base-36 characters): the app is served from `<appId>.<apps domain>`. */
    appId: text('app_id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    iconUrl: text('icon_url'),
    category: text('category').notNull(),
    description: text('description').notNull().default(''),
    /** SHA-256 of the app secret; the secret itself is shown once, at creation or rotation. */
    secretHash: text('secret_hash').notNull(),
    /**
     * The secret itself, sealed with AES-256-GCM (platform/sealing.ts), because webhook signatures need it. Null for
     * apps whose secret predates webhook signing (ADR 0004): their webhooks fail until the developer rotates.
     */
    secretSealed: text('secret_sealed'),
    webhookUrl: text('webhook_url'),
    domains: jsonb('domains').$type<string[]>().notNull().default([]),
    /** Public settings the page reads at launch (`context.config`), e.g. its backend's origin. */
    launchConfig: jsonb('launch_config').$type<Record<string, string>>().notNull().default({}),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('miniapps_owner_idx').on(t.ownerId), check('miniapps_app_id', sql`${t.appId} ~ '^mp[a-z0-9]{10}$'`)],
);

export const miniappVersions = pgTable(
  'miniapp_versions',
  {
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    version: text('version').notNull(),
    status: text('status', { enum: ['draft', 'in_review', 'approved', 'rejected', 'released'] })
      .notNull()
      .default('draft'),
    manifest: jsonb('manifest').$type<StoredManifest>().notNull(),
    bytes: integer('bytes').notNull(),
    files: integer('files').notNull(),
    releasePercent: integer('release_percent').notNull().default(0),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.appId, t.version] }),
    check('miniapp_versions_percent', sql`${t.releasePercent} between 0 and 100`),
    index('miniapp_versions_status_idx').on(t.status),
  ],
);

export type MiniAppRow = typeof miniapps.$inferSelect;
export type VersionRow = typeof miniappVersions.$inferSelect;

/** When a person last opened an app (Discover → recent). */
export const miniappRecents = pgTable(
  'miniapp_recents',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appId: text('app_id')
      .notNull()
      .references(() => miniapps.appId),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.appId] }), index('miniapp_recents_user_idx').on(t.userId, t.openedAt)],
);
