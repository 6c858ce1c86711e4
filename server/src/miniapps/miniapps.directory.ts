import { createHash } from 'node:crypto';
import type { MiniApp } from '@app/shared';
import { and, asc, desc, eq, exists, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../schema';
import { presentApp } from './miniapps.presenter';
import { miniappRecents, miniappVersions, miniapps, type MiniAppRow, type VersionRow } from './miniapps.tables';

/** Directory answers are bounded (a search narrows them). */
const DIRECTORY_MAX = 100;
const RECENT_MAX = 10;

/** Which gray-release bucket (0..99) a person falls in for an app: stable, so they keep getting the same version. */
export function bucketOf(userId: string, appId: string): number {
  return createHash('sha256').update(`${appId}:${userId}`).digest().readUInt32BE(0) % 100;
}

/**
 * `bucketOf(userId, <the version's app>)` computed by Postgres: the first four bytes of the same SHA-256 read as an
 * unsigned big-endian integer (a 32-bit `bit` string cast to bigint keeps it unsigned), modulo 100.
 */
function bucketSql(userId: string): SQL {
  const digest = sql`sha256(convert_to(${miniappVersions.appId} || ':' || ${userId}::text, 'UTF8'))`;
  return sql`((('x' || encode(substring(${digest} from 1 for 4), 'hex'))::bit(32)::bigint) % 100)`;
}

/**
 * A version this person gets when they open its app: released to everyone, or a gray release whose share covers
 * their bucket. The directory, recent apps and launch all use this one predicate, so an app is listed to exactly
 * the people who can open it.
 */
function openTo(userId: string): SQL {
  return and(
    gt(miniappVersions.releasePercent, 0),
    or(eq(miniappVersions.releasePercent, 100), sql`${bucketSql(userId)} < ${miniappVersions.releasePercent}`),
  )!;
}

/** Some version of the app (the outer query's `miniapps` row) is open to the person. */
function hasVersionOpenTo(db: Db, userId: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(miniappVersions)
      .where(and(eq(miniappVersions.appId, miniapps.appId), openTo(userId))),
  );
}

/** Active apps the person can open, for Discover; `q` matches name or description, case-insensitively. */
export async function directory(db: Db, userId: string, q?: string): Promise<MiniApp[]> {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select()
    .from(miniapps)
    .where(
      and(
        eq(miniapps.status, 'active'),
        pattern ? or(ilike(miniapps.name, pattern), ilike(miniapps.description, pattern)) : undefined,
        hasVersionOpenTo(db, userId),
      ),
    )
    .orderBy(asc(miniapps.name))
    .limit(DIRECTORY_MAX);
  return rows.map(presentApp).sort((a, b) => a.name.localeCompare(b.name));
}

/** Remembers that the person opened the app (Discover → recent). */
export async function recordOpen(db: Db, userId: string, appId: string): Promise<void> {
  await db
    .insert(miniappRecents)
    .values({ userId, appId })
    .onConflictDoUpdate({ target: [miniappRecents.userId, miniappRecents.appId], set: { openedAt: sql`now()` } });
}

/** The apps the person opened most recently and can still open (active, a version for them), newest first. */
export async function recent(db: Db, userId: string): Promise<MiniApp[]> {
  const rows = await db
    .select({ app: miniapps })
    .from(miniappRecents)
    .innerJoin(miniapps, eq(miniapps.appId, miniappRecents.appId))
    .where(and(eq(miniappRecents.userId, userId), eq(miniapps.status, 'active'), hasVersionOpenTo(db, userId)))
    .orderBy(desc(miniappRecents.openedAt))
    .limit(RECENT_MAX);
  return rows.map((r) => presentApp(r.app));
}

/**
 * The version the person gets: the gray one when their bucket falls in its share, else the newest at 100 % (at most
 * one version is gray at a time; see MiniAppsService.release). Undefined when none is open to them.
 */
export async function versionFor(db: Db, userId: string, app: MiniAppRow): Promise<VersionRow | undefined> {
  const [chosen] = await db
    .select()
    .from(miniappVersions)
    .where(and(eq(miniappVersions.appId, app.appId), openTo(userId)))
    .orderBy(sql`(${miniappVersions.releasePercent} < 100) desc`, desc(miniappVersions.releasedAt))
    .limit(1);
  return chosen;
}
