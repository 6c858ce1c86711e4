import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { HELLO_MIGRATIONS } from '@app/miniapp-hello/server';
import { appSchema, drizzleSessionStore, kitTables, openAppDatabase, type AppDatabase } from '@app/miniapp-sdk/db';
import { createAppSessions, hashSessionToken } from '@app/miniapp-sdk/server';
import { writeAppMigrations } from '../support/app-migrations';

/**
 * The app-owned database of the SDK kit (docs/adr/0006-app-owned-databases.md): on Postgres each app lives in its own
 * schema `app_<name>` with its own migrations table; on PGlite in its own directory.
 */

const databaseUrl = inject('databaseUrl');
const suffix = randomBytes(3).toString('hex');
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** Runs SQL as the test server's superuser on the integration database. */
async function admin<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const notesMigration = (schema: string) => [
  `CREATE SCHEMA "${schema}";`,
  `CREATE TABLE "${schema}"."notes" ("id" integer PRIMARY KEY, "body" text NOT NULL);`,
];

/** `db.execute` answers the driver's result (node-postgres and PGlite both have `rows`). */
const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows;

async function open(name: string, migrationsFolder: string, url = databaseUrl): Promise<AppDatabase> {
  const database = await openAppDatabase({ name, migrationsFolder, databaseUrl: url, poolSize: 2 });
  cleanup.push(() => database.close());
  return database;
}

describe('openAppDatabase on Postgres', () => {
  it("gives two apps on one DATABASE_URL their own schemas: same table name, neither sees the other's rows", async () => {
    const [a, b] = [`kit_a_${suffix}`, `kit_b_${suffix}`];
    const appA = await open(a, await writeAppMigrations([notesMigration(`app_${a}`)]));
    const appB = await open(b, await writeAppMigrations([notesMigration(`app_${b}`)]));
    expect([appA.kind, appA.schemaName, appB.schemaName]).toEqual(['postgres', `app_${a}`, `app_${b}`]);

    await appA.db.execute(sql`insert into ${sql.identifier(appA.schemaName)}.notes values (1, 'from a')`);
    const inB = await appB.db.execute(sql`select * from ${sql.identifier(appB.schemaName)}.notes`);
    expect(rowsOf(inB)).toEqual([]);

    const tables = await admin<{ table_schema: string; table_name: string }>(
      `select table_schema, table_name from information_schema.tables where table_schema = any($1) order by 1, 2`,
      [[`app_${a}`, `app_${b}`]],
    );
    expect(tables).toEqual([
      { table_schema: `app_${a}`, table_name: '__drizzle_migrations' },
      { table_schema: `app_${a}`, table_name: 'notes' },
      { table_schema: `app_${b}`, table_name: '__drizzle_migrations' },
      { table_schema: `app_${b}`, table_name: 'notes' },
    ]);
    // Nothing of either app lands in the platform's schema (other files' platform tables live there).
    expect(
      await admin(`select 1 from information_schema.tables where table_schema = 'public' and table_name = 'notes'`, []),
    ).toEqual([]);
  });

  it('applies each migration once, also when two processes of one app start together', async () => {
    const name = `kit_c_${suffix}`;
    const schema = `app_${name}`;
    const folder = await writeAppMigrations([notesMigration(schema)]);
    // Without the advisory lock one of them fails on "relation notes already exists".
    const [first, second] = await Promise.all([open(name, folder), open(name, folder)]);
    expect(first.schemaName).toBe(second.schemaName);
    await writeAppMigrations(
      [notesMigration(schema), [`ALTER TABLE "${schema}"."notes" ADD COLUMN "pinned" boolean DEFAULT false NOT NULL;`]],
      folder,
    );
    await Promise.all([open(name, folder), open(name, folder), open(name, folder)]);
    const applied = await admin(`select hash from "${schema}"."__drizzle_migrations"`);
    expect(applied).toHaveLength(2);
  });

  it("with the operator's own role per app (schema created for it, no CREATE on the database): runs, and cannot read another app", async () => {
    const [a, b] = [`kit_ra_${suffix}`, `kit_rb_${suffix}`];
    for (const name of [a, b]) {
      await admin(`create role "${name}" login`);
      await admin(`create schema "app_${name}" authorization "${name}"`);
      cleanup.push(() => admin(`drop owned by "${name}" cascade`).then(() => admin(`drop role "${name}"`)));
    }
    const as = (role: string) => {
      const url = new URL(databaseUrl);
      url.username = role;
      return url.toString();
    };
    const appA = await open(a, await writeAppMigrations([notesMigration(`app_${a}`)]), as(a));
    const appB = await open(b, await writeAppMigrations([notesMigration(`app_${b}`)]), as(b));
    await appA.db.execute(sql`insert into ${sql.identifier(`app_${a}`)}.notes values (1, 'secret of a')`);
    // Drizzle wraps the driver's error: the database's own words are in `cause`.
    const denied = (pattern: RegExp) => ({
      cause: expect.objectContaining({ message: expect.stringMatching(pattern) }),
    });
    await expect(appB.db.execute(sql`select * from ${sql.identifier(`app_${a}`)}.notes`)).rejects.toMatchObject(
      denied(/permission denied for schema app_kit_ra/),
    );
    await expect(appB.db.execute(sql.raw(`create schema "app_${b}_extra"`))).rejects.toMatchObject(
      denied(/permission denied for database/),
    );
  });

  it('refuses tables declared outside the app schema and names that are not schema-safe', async () => {
    const folder = await writeAppMigrations([]);
    const stray = pgTable('stray', { id: integer('id').primaryKey() });
    await expect(
      openAppDatabase({ name: `kit_d_${suffix}`, migrationsFolder: folder, databaseUrl, tables: { stray } }),
    ).rejects.toThrow(/Table stray \("stray"\) is in schema public: declare it with appSchema\(\)/);
    await expect(openAppDatabase({ name: 'Hello; drop', migrationsFolder: folder, databaseUrl })).rejects.toThrow(
      /App name "Hello; drop"/,
    );
    expect(() => appSchema('Bad-Name')).toThrow(TypeError);
  });
});

describe('openAppDatabase on PGlite', () => {
  it("keeps Hello's tables in <dataDir>/pglite across a reopen, migrating only once", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'app-pglite-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const hello = appSchema('hello');
    const { sessions } = kitTables(hello);
    const first = await openAppDatabase({ name: 'hello', migrationsFolder: HELLO_MIGRATIONS, dataDir });
    expect(first.kind).toBe('pglite');
    let now = Date.parse('2025-01-01T00:00:00Z');
    const openApi = { code2session: async (code: string) => ({ openId: `o_${code}` }) };
    const store = drizzleSessionStore(first.db, sessions);
    const login = await createAppSessions({ openApi, store, now: () => now }).login('abc');
    await first.close();

    const again = await openAppDatabase({ name: 'hello', migrationsFolder: HELLO_MIGRATIONS, dataDir });
    cleanup.push(() => again.close());
    const rows = await again.db.select().from(sessions);
    // Only the token's hash is stored.
    expect(rows).toEqual([expect.objectContaining({ tokenHash: hashSessionToken(login.token), openId: 'o_abc' })]);
    expect(JSON.stringify(rows)).not.toContain(login.token);
    const later = createAppSessions({ openApi, store: drizzleSessionStore(again.db, sessions), now: () => now });
    expect(await later.lookup(login.token)).toEqual({ openId: 'o_abc', expiresAt: login.expiresAt });
    expect(await later.lookup(`${login.token}x`)).toBeUndefined();
    now += 2 * 60 * 60 * 1000;
    expect(await later.lookup(login.token)).toBeUndefined(); // expired
    const migrations = await again.db.execute(sql`select count(*)::int as n from app_hello.__drizzle_migrations`);
    expect(rowsOf(migrations)).toEqual([{ n: 1 }]);
    expect(await readdir(dataDir)).toEqual(['pglite']);
  });
});
