import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The Postgres server tests use: TEST_DATABASE_URL, else the local trust-auth server of our machines. */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates an empty database with a unique name on the test server and returns its URL. */
export async function createTestDatabase(prefix = 'it'): Promise<{ url: string; name: string }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `Tests need a PostgreSQL server at ${ADMIN_DATABASE_URL} (set TEST_DATABASE_URL to use another): ${(err as Error).message}`,
    );
  }
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * A database of one test file's own. For files whose expiry jobs run with the clock 25 h ahead: `expireDue` acts on
 * every row, so on the shared database it would refund another file's pending transfers and packets mid-test.
 */
export async function ownDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { url, name } = await createTestDatabase(prefix);
  return { url, drop: () => dropTestDatabase(name) };
}
