import { mkdir } from 'node:fs/promises';
import type { BundledApp } from '@app/shared';
import type { App } from '../app';
import { appOrigin } from '../miniapps/miniapps.hosting';
import type { BundledTarget } from './bundled.manifest';
import { ensureBundledApp } from './bundled.publish';
import { supervise, type Supervised } from './bundled.supervisor';

export interface RunningBundledApp extends BundledApp {
  version: string;
  /** The version published by this start, if any. */
  published: string | undefined;
  process: Supervised;
}

export interface BundledRun {
  running: RunningBundledApp[];
  skipped: Array<{ name: string; reason: string }>;
  stop(): Promise<void>;
}

/**
 * Publishes (when needed) and starts every bundled app of this run, after `app.listen()`: each backend gets its
 * appId and appSecret, the platform's loopback URL, its own origin for CORS and its own database (the platform's
 * secrets, JWT and sealing keys are never passed on). The apps then appear in `GET /api/health` → `bundled`.
 * Stops the ones it started if a later one fails.
 */
export async function startBundledApps(app: App, targets: BundledTarget[]): Promise<BundledRun> {
  const running: RunningBundledApp[] = [];
  const skipped: BundledRun['skipped'] = [];
  const stop = async () => {
    app.bundled.length = 0;
    await Promise.all(running.map((r) => r.process.stop()));
  };
  try {
    for (const target of targets) {
      const ensured = await ensureBundledApp(
        { db: app.database.db, miniApps: app.miniApps, logger: app.logger, dataDir: app.config.dataDir },
        target,
      );
      if (ensured.status === 'skipped') {
        skipped.push({ name: target.name, reason: ensured.reason });
        continue;
      }
      const process = await startBackend(app, target, ensured);
      const info = { name: target.name, appId: ensured.appId, backendUrl: target.backendUrl };
      running.push({ ...info, version: ensured.version, published: ensured.published, process });
      app.bundled.push(info);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { running, skipped, stop };
}

async function startBackend(
  app: App,
  target: BundledTarget,
  credentials: { appId: string; appSecret: string },
): Promise<Supervised> {
  const address = app.httpServer.address();
  const platformPort = typeof address === 'object' && address ? address.port : app.config.port;
  if (!target.databaseUrl) await mkdir(target.appDataDir, { recursive: true });
  return supervise({
    name: target.name,
    cwd: target.dir,
    args: ['--import', 'tsx', target.manifest.backend.entry],
    logger: app.logger,
    env: {
      APP_NAME: target.name,
      APP_ID: credentials.appId,
      APP_SECRET: credentials.appSecret,
      PLATFORM_URL: `http://127.0.0.1:${platformPort}`,
      PORT: String(target.port),
      HOST: app.config.host,
      ALLOWED_ORIGIN: appOrigin(credentials.appId, app.config.appsDomain, app.appsPort()),
      ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { APP_DATA_DIR: target.appDataDir }),
    },
  });
}
