import {
  AdminAppListSchema,
  AdminAppResultSchema,
  AuditPageSchema,
  MiniAppSchema,
  VersionSchema,
  type AdminApp,
  type AuditPage,
  type MiniApp,
  type Version,
} from '@app/shared';
import { z } from 'zod';
import { api } from '../../lib/api-client';

const ReviewsSchema = z.object({ reviews: z.array(z.object({ app: MiniAppSchema, version: VersionSchema })) });
const OneVersionSchema = z.object({ version: VersionSchema });

export interface Review {
  app: MiniApp;
  version: Version;
}

export async function fetchReviews(): Promise<Review[]> {
  return (await api('/api/admin/reviews', ReviewsSchema)).reviews;
}

/** Approves (no reason) or rejects (a reason the developer will read) a version waiting for review. */
export async function decide(review: Review, decision: 'approve' | 'reject', reason?: string): Promise<Version> {
  const path = `/api/admin/apps/${encodeURIComponent(review.app.appId)}/versions/${encodeURIComponent(
    review.version.version,
  )}/${decision}`;
  return (await api(path, OneVersionSchema, { method: 'POST', body: reason === undefined ? {} : { reason } })).version;
}

/** Every app with its status (admins). */
export async function fetchAdminApps(): Promise<AdminApp[]> {
  return (await api('/api/admin/apps', AdminAppListSchema)).apps;
}

/** Suspends an app at once (Discover, launch, hosting, login codes, Open API); the reason goes to the audit log. */
export async function suspendApp(appId: string, reason: string): Promise<AdminApp> {
  const path = `/api/admin/apps/${encodeURIComponent(appId)}/suspend`;
  return (await api(path, AdminAppResultSchema, { method: 'POST', body: { reason } })).app;
}

export async function resumeApp(appId: string): Promise<AdminApp> {
  const path = `/api/admin/apps/${encodeURIComponent(appId)}/resume`;
  return (await api(path, AdminAppResultSchema, { method: 'POST', body: {} })).app;
}

/** One page of the audit log, newest first. */
export async function fetchAudit(cursor?: string): Promise<AuditPage> {
  return api(`/api/admin/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, AuditPageSchema);
}
