import type { AdminApp, AuditEntry } from '@app/shared';
import { presentApp } from '../miniapps/miniapps.presenter';
import type { MiniAppRow } from '../miniapps/miniapps.tables';
import type { AuditRow } from './admin.tables';

export function presentAdminApp(row: MiniAppRow): AdminApp {
  return { ...presentApp(row), ownerId: row.ownerId, createdAt: row.createdAt.toISOString() } satisfies AdminApp;
}

export function presentAuditEntry(row: AuditRow, adminName: string): AuditEntry {
  return {
    id: String(row.id),
    adminId: row.adminId,
    adminName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  } satisfies AuditEntry;
}
