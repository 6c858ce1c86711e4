import { createApp, type App, type AppOptions } from '@app/server/app';
import { loadConfig } from '@app/server/platform/config';
import { createTestDatabase, dropTestDatabase } from '@app/test/support/database';

/**
 * The real server on a fresh Postgres database of its own, in this process, listening on a free port: silent, no
 * demo data, no periodic jobs, production mode. `close()` stops it and drops the database.
 */
export async function benchApp(
  prefix: string,
  options: AppOptions = {},
): Promise<{ app: App; base: string; close: () => Promise<void> }> {
  const { url, name } = await createTestDatabase(prefix);
  const app = await createApp(
    loadConfig({
      DATABASE_URL: url,
      DATA_DIR: `/tmp/${name}`,
      LOG_LEVEL: 'silent',
      SEED_DEMO: '0',
      NODE_ENV: 'production',
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '30',
    }),
    { jobs: false, ...options },
  );
  const base = await app.listen(0);
  return {
    app,
    base,
    async close() {
      await app.close();
      await dropTestDatabase(name);
    },
  };
}
