import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '@app/server/app';
import { loadConfig } from '@app/server/platform/config';
import { createTestDatabase, dropTestDatabase } from '../support/database';

/** The e2e web server: the real server and built client on a fresh Postgres database with demo data. */
async function main(): Promise<void> {
  const { url, name } = await createTestDatabase('e2e');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'superapp-e2e-'));
  const app = await createApp(
    loadConfig({
      PORT: process.env.E2E_PORT ?? '3210',
      DATABASE_URL: url,
      DB_POOL_SIZE: '10',
      APPS_PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    }),
  );
  const address = await app.listen();
  process.stdout.write(`e2e server on ${address} (database ${name})\n`);
  const stop = async () => {
    await app.close().catch(() => undefined);
    await dropTestDatabase(name).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
