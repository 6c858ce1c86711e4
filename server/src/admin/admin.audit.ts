import type { AuditAction, AuditTargetType } from '@app/shared';
import { desc, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '../schema';
import { users } from '../users/users.tables';
import { adminAudit } from './admin.tables';

export interface AuditRecord {
  adminId: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  reason?: string | null;
}

/** Appends one audit row; pass the transaction of the action so both commit or neither does. */
export async function recordAudit(tx: Db | Tx, record: AuditRecord): Promise<void> {
  await tx.insert(adminAudit).values({ ...record, reason: record.reason ?? null });
}

/** One page of the audit log with each admin's name, newest first, paged by id. */
export async function auditPage(db: Db, cursor: string | undefined, limit: number) {
  const rows = await db
    .select({ entry: adminAudit, adminName: users.displayName })
    .from(adminAudit)
    .innerJoin(users, eq(users.id, adminAudit.adminId))
    .where(cursor ? lt(adminAudit.id, Number(cursor)) : undefined)
    .orderBy(desc(adminAudit.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? String(page.at(-1)!.entry.id) : null };
}
