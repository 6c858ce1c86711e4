import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '@app/shared';
import { users } from '../users/users.tables';

/**
 * Every admin action (DESIGN §8), written in the same transaction as the action it records, so an action and its
 * audit row exist together or not at all. Append-only: never updated or deleted.
 */
export const adminAudit = pgTable(
  'admin_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    adminId: uuid('admin_id')
      .notNull()
      .references(() => users.id),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    targetType: text('target_type', { enum: AUDIT_TARGET_TYPES }).notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('admin_audit_target_idx').on(t.targetType, t.targetId),
    check('admin_audit_action', sql`${t.action} in ('version.approve', 'version.reject', 'app.suspend', 'app.resume')`),
    check('admin_audit_target_type', sql`${t.targetType} in ('app', 'version')`),
  ],
);

export type AuditRow = typeof adminAudit.$inferSelect;
