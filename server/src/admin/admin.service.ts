import type { AdminApp, AuditPage } from '@app/shared';
import { and, desc, eq } from 'drizzle-orm';
import { miniapps, type MiniAppRow } from '../miniapps/miniapps.tables';
import { AppError } from '../platform/errors';
import type { Db } from '../schema';
import { auditPage, recordAudit } from './admin.audit';
import { presentAdminApp, presentAuditEntry } from './admin.presenter';

type AppStatus = MiniAppRow['status'];

/**
 * Admin actions on apps (DESIGN §8). Suspending an app takes it out of Discover, launch, hosting, login codes and the
 * Open API at once (each checks `miniapps.status`); queued webhooks keep their schedule, so no money event is lost.
 */
export class AdminService {
  constructor(private readonly db: Db) {}

  /** Every app in every status, newest first. */
  async apps(): Promise<AdminApp[]> {
    const rows = await this.db.select().from(miniapps).orderBy(desc(miniapps.createdAt));
    return rows.map(presentAdminApp);
  }

  suspend(adminId: string, appId: string, reason: string): Promise<AdminApp> {
    return this.setStatus({ adminId, appId, from: 'active', to: 'suspended', reason });
  }

  resume(adminId: string, appId: string): Promise<AdminApp> {
    return this.setStatus({ adminId, appId, from: 'suspended', to: 'active', reason: null });
  }

  async audit(cursor: string | undefined, limit: number): Promise<AuditPage> {
    const { page, nextCursor } = await auditPage(this.db, cursor, limit);
    return { entries: page.map((r) => presentAuditEntry(r.entry, r.adminName)), nextCursor };
  }

  /** A conditional UPDATE (from → to) and its audit row in one transaction; the wrong state changes nothing. */
  private async setStatus(change: {
    adminId: string;
    appId: string;
    from: AppStatus;
    to: AppStatus;
    reason: string | null;
  }): Promise<AdminApp> {
    const { adminId, appId, from, to, reason } = change;
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(miniapps)
        .set({ status: to })
        .where(and(eq(miniapps.appId, appId), eq(miniapps.status, from)))
        .returning();
      if (!row) {
        const [current] = await tx.select({ status: miniapps.status }).from(miniapps).where(eq(miniapps.appId, appId));
        if (!current) throw new AppError('not_found', 'No such mini-program');
        throw new AppError('wrong_state', `This app is already ${current.status}`);
      }
      await recordAudit(tx, {
        adminId,
        action: to === 'suspended' ? 'app.suspend' : 'app.resume',
        targetType: 'app',
        targetId: appId,
        reason,
      });
      return presentAdminApp(row);
    });
  }
}
