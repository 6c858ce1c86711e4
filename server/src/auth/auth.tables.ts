import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables';

/**
 * Rotating refresh tokens. Only a SHA-256 hash of each token is stored. Every login starts a family; each refresh
 * spends one token (used_at) and issues its successor in the same family. Presenting a spent token revokes the
 * whole family (revoked_at on every row), which logs out a thief and the victim alike.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_user_idx').on(t.userId)],
);

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

/**
 * Guesses at a secret (a login password by username, a payment PIN by user), counted in the database so the count
 * holds across nodes and restarts. An attempt is counted *before* its hash is computed and only one attempt per key
 * runs at a time (`busy_until` is the lease of the one in flight, so a node that dies mid-check frees it by itself).
 */
export const credentialGuards = pgTable('credential_guards', {
  /** `pin:<userId>` or `login:<username>`. */
  key: text('key').primaryKey(),
  /** Wrong guesses in a row (the one in flight included). */
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  busyUntil: timestamp('busy_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
