import { STORAGE_LIMITS, type StorageKeysPage, type StoredAppData } from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../platform/errors';
import type { Db } from '../schema';
import { miniapps } from '../miniapps/miniapps.tables';
import { miniappStorage } from './bridge.tables';

/** Code-point order (Postgres "C" collation sorts UTF-8 bytes), the same on every server whatever its locale. */
const byCodePoint = sql`${miniappStorage.key} collate "C"`;

/**
 * Bridge `storage.*` (DESIGN §6 v1.1): each person's key-value data per mini-program, asked for by the host page.
 * Key and value sizes are checked by the shared schemas and again by the table's CHECKs; the key-count quota is
 * checked here under a per-(person, app) transaction lock, so concurrent writes of new keys cannot overshoot it.
 */
export class BridgeStorage {
  constructor(
    private readonly db: Db,
    private readonly apps: { requireActiveApp(appId: string): Promise<void> },
  ) {}

  async get(userId: string, appId: string, key: string): Promise<string | null> {
    const [row] = await this.db
      .select({ value: miniappStorage.value })
      .from(miniappStorage)
      .where(this.owned(userId, appId, key));
    return row?.value ?? null;
  }

  /**
   * Stores or replaces `key`. A new key when the app already keeps `maxKeys` for the person fails with
   * `storage_quota_exceeded`; replacing an existing key always works. The advisory lock serializes writers of one
   * (person, app) only; the count and the insert then happen in one statement under it.
   */
  async set(userId: string, appId: string, key: string, value: string): Promise<void> {
    await this.apps.requireActiveApp(appId);
    const stored = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`miniapp_storage:${userId}:${appId}`}, 0))`);
      const result = await tx.execute(sql`
        insert into ${miniappStorage} (user_id, app_id, key, value)
        select ${userId}::uuid, ${appId}, ${key}, ${value}
        where exists (
            select 1 from ${miniappStorage} where user_id = ${userId}::uuid and app_id = ${appId} and key = ${key})
          or (select count(*) from ${miniappStorage} where user_id = ${userId}::uuid and app_id = ${appId})
            < ${STORAGE_LIMITS.maxKeys}
        on conflict (user_id, app_id, key) do update set value = excluded.value, updated_at = now()
        returning key`);
      return (result as unknown as { rows: unknown[] }).rows.length > 0;
    });
    if (!stored) {
      throw new AppError(
        'storage_quota_exceeded',
        `This mini-program already keeps ${STORAGE_LIMITS.maxKeys} keys for this person; remove some first`,
      );
    }
  }

  async remove(userId: string, appId: string, key: string): Promise<void> {
    await this.db.delete(miniappStorage).where(this.owned(userId, appId, key));
  }

  /** One page of keys after `after`, in code-point order. */
  async keys(userId: string, appId: string, after?: string): Promise<StorageKeysPage> {
    const size = STORAGE_LIMITS.keysPageSize;
    const rows = await this.db
      .select({ key: miniappStorage.key })
      .from(miniappStorage)
      .where(and(this.owned(userId, appId), after === undefined ? undefined : sql`${byCodePoint} > ${after}`))
      .orderBy(byCodePoint)
      .limit(size + 1);
    const keys = rows.slice(0, size).map((r) => r.key);
    return { keys, next: rows.length > size ? (keys.at(-1) ?? null) : null };
  }

  /** Every app that keeps data for the person: its keys and their size (Me → Mini-program permissions). */
  async summary(userId: string): Promise<StoredAppData[]> {
    const rows = await this.db
      .select({
        appId: miniappStorage.appId,
        appName: miniapps.name,
        keys: sql<string[]>`json_agg(${miniappStorage.key} order by ${byCodePoint})`,
        bytes: sql<number>`sum(octet_length(${miniappStorage.value}))::int`,
      })
      .from(miniappStorage)
      .innerJoin(miniapps, eq(miniapps.appId, miniappStorage.appId))
      .where(eq(miniappStorage.userId, userId))
      .groupBy(miniappStorage.appId, miniapps.name)
      .orderBy(miniapps.name, miniappStorage.appId);
    return rows;
  }

  /** "Clear data": forgets everything the app stored for the person; returns how many keys went. */
  async clear(userId: string, appId: string): Promise<number> {
    const gone = await this.db
      .delete(miniappStorage)
      .where(this.owned(userId, appId))
      .returning({ key: miniappStorage.key });
    return gone.length;
  }

  private owned(userId: string, appId: string, key?: string) {
    return and(
      eq(miniappStorage.userId, userId),
      eq(miniappStorage.appId, appId),
      key === undefined ? undefined : eq(miniappStorage.key, key),
    );
  }
}
