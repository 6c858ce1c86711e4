import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { is } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { getTableConfig, PgTable, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migrateAppSchema } from './migrate';
import { appSchemaName } from './tables';

export interface OpenAppDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** The app's name (`hello`): its tables live in the Postgres schema `app_<name>`. */
  name: string;
  /** The app's drizzle-kit migrations folder (with `meta/_journal.json`). */
  migrationsFolder: string;
  /** A postgres:// URL; when absent, an embedded PGlite database under `dataDir`. */
  databaseUrl?: string;
  /** The app's data directory (`APP_DATA_DIR`); PGlite keeps its files in `<dataDir>/pglite`. */
  dataDir?: string;
  /** The app's Drizzle tables (and relations), for `db.query`; each table must be in `app_<name>`. */
  tables?: TSchema;
  /** Postgres pool size; 5 by default. */
  poolSize?: number;
}

export type AppDb<TSchema extends Record<string, unknown> = Record<string, never>> = PgDatabase<
  PgQueryResultHKT,
  TSchema
>;
/** A transaction on the app's database, as `db.transaction(async (tx) => …)` hands it over. */
export type AppTx<TSchema extends Record<string, unknown> = Record<string, never>> = Parameters<
  Parameters<AppDb<TSchema>['transaction']>[0]
>[0];

export interface AppDatabase<TSchema extends Record<string, unknown> = Record<string, never>> {
  kind: 'postgres' | 'pglite';
  /** `app_<name>`. */
  schemaName: string;
  db: AppDb<TSchema>;
  close(): Promise<void>;
}

/** FNV-1a of the schema name: the advisory lock that keeps two processes of one app from migrating at once. */
function lockKey(schemaName: string): number {
  let hash = 0x811c9dc5;
  for (const char of `miniapp-migrate:${schemaName}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

function checkTables(tables: Record<string, unknown>, schemaName: string): void {
  for (const [key, value] of Object.entries(tables)) {
    if (!is(value, PgTable)) continue;
    const { schema, name } = getTableConfig(value);
    if (schema !== schemaName)
      throw new Error(`Table ${key} ("${name}") is in schema ${schema ?? 'public'}: declare it with appSchema()`);
  }
}

/**
 * Opens the app's own database and brings its schema up to date: on Postgres (`databaseUrl`) the app's tables live
 * in the schema `app_<name>` with their migrations table (`app_<name>.__drizzle_migrations`), so several apps can
 * share one database without sharing a table; without `databaseUrl`, an embedded PGlite database in
 * `<dataDir>/pglite` with the same schema. Migrations run under an advisory lock, so two processes of one app can
 * start together. Declare tables with `appSchema(name)`; see docs/adr/0006-app-owned-databases.md.
 *
 * @example
 * import { openAppDatabase } from '@app/miniapp-sdk/db';
 * import * as tables from './hello.tables';
 *
 * const database = await openAppDatabase({
 *   name: 'hello',
 *   migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
 *   tables,
 *   ...env.database, // { databaseUrl } or { dataDir }
 * });
 * const rows = await database.db.select().from(tables.orders);
 * await database.close();
 */
export async function openAppDatabase<TSchema extends Record<string, unknown> = Record<string, never>>(
  options: OpenAppDatabaseOptions<TSchema>,
): Promise<AppDatabase<TSchema>> {
  const schemaName = appSchemaName(options.name);
  if (options.tables) checkTables(options.tables, schemaName);
  const schema = (options.tables ?? {}) as TSchema;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 5 });
    // An idle client that errors (a database restart) must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [lockKey(schemaName)]);
        await migrateAppSchema(drizzlePg({ client }), schemaName, options.migrationsFolder);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [lockKey(schemaName)]).catch(() => undefined);
        client.release();
      }
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return { kind: 'postgres', schemaName, db: drizzlePg({ client: pool, schema }), close: () => pool.end() };
  }
  if (!options.dataDir) throw new TypeError('openAppDatabase needs databaseUrl (Postgres) or dataDir (PGlite)');
  const dir = path.join(options.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const client = await PGlite.create(dir);
  try {
    const db = drizzlePglite({ client, schema });
    await migrateAppSchema(db as unknown as AppDb, schemaName, options.migrationsFolder);
    return { kind: 'pglite', schemaName, db, close: () => client.close() };
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
}
