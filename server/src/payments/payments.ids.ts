import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { openIds } from '../openapi/openapi.tables';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { accountFor } from '../wallet/wallet.ledger';

/** `ord_…`, `ref_…`, `agr_…`, `evt_…`: a prefix and 96 random bits as 24 hex digits. */
export function newId(prefix: 'ord' | 'ref' | 'agr' | 'evt'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/**
 * The owner id of an app's merchant account. `accounts.owner_id` is a uuid and app ids are not, so the id is derived
 * from the appId (SHA-256, formatted as an RFC 9562 version-8 uuid): stable, needs no extra column or lookup table,
 * and cannot collide with a user id (those are random version-4 uuids).
 */
export function merchantOwnerId(appId: string): string {
  const b = createHash('sha256').update(`miniapp-merchant:${appId}`).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const merchantAccount = (db: Db | Tx, appId: string) => accountFor(db, 'merchant', merchantOwnerId(appId));

/** The person behind one of THIS app's openIds; another app's openId is `not_found` (no cross-app correlation). */
export async function userOfOpenId(db: Db | Tx, appId: string, openId: string): Promise<string> {
  const [row] = await db
    .select({ userId: openIds.userId })
    .from(openIds)
    .where(and(eq(openIds.appId, appId), eq(openIds.openId, openId)));
  if (!row) throw new AppError('not_found', 'No person with this openId has used your app');
  return row.userId;
}

/** The person's openId for the app, created on first need (as code2session does). */
export async function openIdOf(db: Db | Tx, appId: string, userId: string): Promise<string> {
  await db
    .insert(openIds)
    .values({ appId, userId, openId: `o${randomBytes(18).toString('base64url')}` })
    .onConflictDoNothing({ target: [openIds.appId, openIds.userId] });
  const [row] = await db
    .select({ openId: openIds.openId })
    .from(openIds)
    .where(and(eq(openIds.appId, appId), eq(openIds.userId, userId)));
  return row!.openId;
}
