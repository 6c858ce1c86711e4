import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Drizzle's own name, so drizzle-kit and Drizzle's tooling read this table as theirs. */
export const MIGRATIONS_TABLE = '__drizzle_migrations';

type AnyPgDatabase = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []);

/**
 * Applies the app's checked-in drizzle-kit migrations inside its own schema, recording them in
 * `<schema>.__drizzle_migrations` (Drizzle's format: hash and folder timestamp). Unlike Drizzle's `migrate()`, it
 * creates the schema only when it is missing — a production operator creates `app_<name>` for the app's own role,
 * which may not create schemas — and skips the `CREATE SCHEMA "app_<name>"` that drizzle-kit writes into the first
 * migration: the kit owns the schema, the migrations own the tables. Pending migrations run in one transaction.
 * The caller serialises concurrent runs (an advisory lock on Postgres; PGlite has one connection);
 * `openAppDatabase` does all of this, call it directly only for a database you opened yourself.
 *
 * @example
 * const applied = await migrateAppSchema(drizzle({ client }), 'app_hello', './server/drizzle');
 */
export async function migrateAppSchema(
  db: AnyPgDatabase,
  schemaName: string,
  migrationsFolder: string,
): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const schema = sql.identifier(schemaName);
  const table = sql`${schema}.${sql.identifier(MIGRATIONS_TABLE)}`;
  const exists = rowsOf(await db.execute(sql`select 1 from pg_namespace where nspname = ${schemaName}`));
  if (!exists.length) await db.execute(sql`create schema if not exists ${schema}`);
  await db.execute(
    sql`create table if not exists ${table} (id serial primary key, hash text not null, created_at bigint)`,
  );
  const [last] = rowsOf(await db.execute(sql`select created_at from ${table} order by created_at desc limit 1`));
  const lastMillis = last ? Number(last.created_at) : -Infinity;
  const pending = migrations.filter((m) => m.folderMillis > lastMillis);
  if (!pending.length) return 0;
  const ownSchema = new RegExp(`^\\s*create\\s+schema\\s+(if\\s+not\\s+exists\\s+)?"?${schemaName}"?\\s*;?\\s*$`, 'i');
  await db.transaction(async (tx) => {
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (!statement.trim() || ownSchema.test(statement)) continue;
        await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into ${table} (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
    }
  });
  return pending.length;
}
