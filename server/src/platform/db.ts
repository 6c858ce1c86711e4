import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { lockDir } from './dir-lock';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

export type DbKind = 'pglite' | 'postgres';

export interface Database<TSchema extends Record<string, unknown>> {
  kind: DbKind;
  db: PgDatabase<PgQueryResultHKT, TSchema>;
  /** Applies the checked-in migrations (idempotent; serialized across nodes by an advisory lock). */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Arbitrary constant shared by every node of this app: the key of the migration advisory lock. */
const MIGRATION_LOCK_KEY = 727_001;

export interface DatabaseOptions {
  /** A postgres:// URL; when absent, PGlite persisted under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize?: number;
}

/** One code path for both engines: the features only ever see the Drizzle handle. */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: DatabaseOptions,
  schema: TSchema,
): Promise<Database<TSchema>> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, schema)
    : openPglite(path.join(options.dataDir, 'pglite'), schema);
}

function openPostgres<TSchema extends Record<string, unknown>>(
  url: string,
  max: number,
  schema: TSchema,
): Database<TSchema> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema });
  return {
    kind: 'postgres',
    db,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

async function openPglite<TSchema extends Record<string, unknown>>(
  dir: string,
  schema: TSchema,
): Promise<Database<TSchema>> {
  await mkdir(dir, { recursive: true });
  const unlock = await lockDir(dir, 'The embedded database');
  const client = await PGlite.create(dir).catch(async (err: unknown) => {
    await unlock();
    throw err;
  });
  const db = drizzlePglite({ client, schema });
  return {
    kind: 'pglite',
    db,
    // PGlite is in-process and single-connection: nothing else can migrate it concurrently.
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await client.close();
      await unlock();
    },
  };
}
