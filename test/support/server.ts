import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type App, type AppOptions } from '@app/server/app';
import { loadConfig } from '@app/server/platform/config';

export interface TestServer {
  app: App;
  url: string;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'integration-test-secret-0123456789-abcdefghijklmnop';

export interface TestServerOptions extends AppOptions {
  /** Postgres URL; pass `null` for the embedded PGlite default. */
  databaseUrl: string | null;
  /** Reuse a data directory (to test restarts); a temporary one otherwise. */
  dataDir?: string;
  env?: Record<string, string>;
}

/** Starts the real server on an ephemeral port (no demo data, silent logs unless a logger is given). */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'superapp-test-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    // Several servers per file, two files at a time: keep well under Postgres' 100 connections.
    DB_POOL_SIZE: '8',
    // Webhook receivers in tests listen on loopback; webhooks.ssrf.test.ts checks the production default.
    WEBHOOK_PRIVATE_TARGETS: '1',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  // Tests register many users from one address; the registration limit itself is tested with its own server.
  const app = await createApp(config, {
    jobs: false,
    ...options,
    limits: { registrationsPerHourPerIp: 100_000, loginFailuresPerAddress: 100_000, ...options.limits },
  });
  const url = await app.listen(0);
  return {
    app,
    url,
    async close() {
      await app.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
