import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildHelloPackage } from '@app/miniapp-hello/package';
import { createApp } from '@app/server/app';
import { loadConfig } from '@app/server/platform/config';
import { bundledTargets } from '@app/server/bundled/bundled.manifest';
import { startBundledApps } from '@app/server/bundled/bundled.start';
import { createTestDatabase, dropTestDatabase } from '../support/database';

/**
 * The e2e web server: the real server and built client on a fresh Postgres database with demo data, and the bundled
 * Hello mini-program published through the pipeline with its real backend on the next port.
 */
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
    // Every spec registers its own people from one address; the registration limit has its own integration test.
    { limits: { registrationsPerHourPerIp: 10_000 } },
  );
  const address = await app.listen();
  const helloPort = String(Number(process.env.E2E_PORT ?? 3210) + 1);
  const zipFile = path.join(dataDir, 'hello.zip');
  await buildHelloPackage({ outDir: path.join(dataDir, 'hello'), zipFile });
  const targets = await bundledTargets(app.config, {
    BUNDLED_APPS: 'hello',
    HELLO_PORT: helloPort,
    HELLO_PACKAGE: zipFile,
  });
  const bundled = await startBundledApps(app, targets);
  const hello = bundled.running[0];
  if (!hello) throw new Error(`Hello did not start: ${bundled.skipped[0]?.reason}`);
  process.stdout.write(`e2e server on ${address} (database ${name}), Hello backend on ${hello.backendUrl}\n`);
  const stop = async () => {
    await bundled.stop().catch(() => undefined);
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
