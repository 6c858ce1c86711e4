import { MiniAppSchema, VersionSchema, type MiniApp, type Version } from '@app/shared';
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
