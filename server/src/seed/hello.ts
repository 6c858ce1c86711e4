import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateApp } from '@app/shared';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import type { App } from '../app';
import { appOrigin } from '../miniapps/miniapps.hosting';
import { parseEnv } from '../platform/config';
import { startBackendProcess, type BackendProcess } from './backends';
import { ensureBundledApp, readPackage } from './bundled';

/** miniapps/hello: read from disk and spawned, never imported (a mini-program is a third party). */
export const HELLO_DIR = fileURLToPath(new URL('../../../miniapps/hello/', import.meta.url));
export const HELLO_BUILD_HINT = 'pnpm --filter @app/miniapp-hello package';

export const HELLO_APP: CreateApp = {
  name: 'Hello',
  category: 'tools',
  description: 'Says hello, takes a ¥0.01 tip and refunds it, sends you a notification: the SDK walk-through app.',
};

const HelloEnvSchema = z.object({
  /** Where the Hello backend listens; its page calls http://localhost:<port> unless HELLO_PUBLIC_URL says otherwise. */
  HELLO_PORT: z.coerce.number().int().min(1).max(65535).default(3101),
  HELLO_PUBLIC_URL: z.url().optional(),
  /** Where the platform POSTs webhooks (server to server). */
  HELLO_WEBHOOK_URL: z.url().optional(),
  HELLO_PACKAGE: z.string().optional(),
  /** Hello's own database; the platform's DATABASE_URL (schema app_hello) unless given, PGlite without either. */
  HELLO_DATABASE_URL: z.string().optional(),
  /** `0` runs the platform without the bundled backends. */
  BUNDLED_BACKENDS: z.enum(['0', '1', 'true', 'false']).default('1'),
});

export interface HelloSettings {
  enabled: boolean;
  port: number;
  backendUrl: string;
  webhookUrl: string;
  zipPath: string;
  databaseUrl: string | undefined;
}

/** The same rule as miniapps/hello/scripts/package.ts, so the page and the backend agree on the URL. */
export function helloSettings(source: NodeJS.ProcessEnv = process.env): HelloSettings {
  const env = parseEnv(HelloEnvSchema, source);
  return {
    enabled: env.BUNDLED_BACKENDS === '1' || env.BUNDLED_BACKENDS === 'true',
    port: env.HELLO_PORT,
    backendUrl: (env.HELLO_PUBLIC_URL ?? `http://localhost:${env.HELLO_PORT}`).replace(/\/$/, ''),
    webhookUrl: env.HELLO_WEBHOOK_URL ?? `http://127.0.0.1:${env.HELLO_PORT}/webhooks`,
    zipPath: path.resolve(env.HELLO_PACKAGE ?? path.join(HELLO_DIR, 'dist', 'hello.zip')),
    databaseUrl: env.HELLO_DATABASE_URL,
  };
}

/** The backend origin the package's page will call (its config.json), so a mismatch fails before publishing. */
export function packagedBackendUrl(zip: Uint8Array): string | undefined {
  const files = unzipSync(zip, { filter: (f) => f.name === 'config.json' });
  const raw = files['config.json'];
  if (!raw) return undefined;
  const parsed = z.object({ backendUrl: z.string() }).safeParse(JSON.parse(new TextDecoder().decode(raw)));
  return parsed.success ? parsed.data.backendUrl.replace(/\/$/, '') : undefined;
}

export type BundledHello =
  | { status: 'running'; url: string; appId: string; published: boolean; process: BackendProcess }
  | { status: 'skipped'; reason: string };

/**
 * Publishes Hello through the registry on a freshly seeded database (else reuses DATA_DIR/bundled-apps.json) and
 * starts its backend as a child process with its appId, appSecret and the platform URL. Call after `app.listen()`.
 */
export async function startBundledHello(app: App, settings: HelloSettings): Promise<BundledHello> {
  if (!settings.enabled) return { status: 'skipped', reason: 'BUNDLED_BACKENDS=0' };
  const freshlySeeded = app.seeded?.created ?? false;
  if (freshlySeeded) {
    const packaged = packagedBackendUrl(await readPackage(settings.zipPath, HELLO_BUILD_HINT));
    if (packaged !== new URL(settings.backendUrl).origin)
      throw new Error(
        `${settings.zipPath} was packaged for backend ${packaged ?? '(none)'} but the backend runs at ` +
          `${settings.backendUrl}: rebuild it with the same HELLO_PORT / HELLO_PUBLIC_URL ("${HELLO_BUILD_HINT}")`,
      );
  }
  const ensured = await ensureBundledApp({
    db: app.database.db,
    miniApps: app.miniApps,
    dataDir: app.config.dataDir,
    key: 'hello',
    app: HELLO_APP,
    zipPath: settings.zipPath,
    buildHint: HELLO_BUILD_HINT,
    backendUrl: settings.backendUrl,
    webhookUrl: settings.webhookUrl,
    freshlySeeded,
  });
  if (ensured.status === 'skipped') return ensured;
  const { appId, appSecret, backendUrl } = ensured.app;
  // The released package calls the URL it was published with: keep the backend there.
  const port = new URL(backendUrl).port || String(settings.port);
  if (backendUrl !== settings.backendUrl)
    app.logger.warn({ backendUrl }, 'Hello was published for another backend URL; running it there');
  const address = app.httpServer.address();
  const platformPort = typeof address === 'object' && address ? address.port : app.config.port;
  const databaseUrl = settings.databaseUrl ?? app.config.databaseUrl;
  const child = startBackendProcess({
    name: 'hello',
    cwd: HELLO_DIR,
    entry: 'server/src/main.ts',
    logger: app.logger,
    env: {
      APP_NAME: 'hello',
      APP_ID: appId,
      APP_SECRET: appSecret,
      PLATFORM_URL: `http://127.0.0.1:${platformPort}`,
      PORT: port,
      HOST: app.config.host,
      ALLOWED_ORIGIN: appOrigin(appId, app.config.appsDomain, app.appsPort()),
      // Hello's own database (docs/adr/0006): its schema app_hello on Postgres, else PGlite in DATA_DIR/apps/hello.
      APP_DATA_DIR: path.join(app.config.dataDir, 'apps', 'hello'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  return { status: 'running', url: backendUrl, appId, published: ensured.status === 'published', process: child };
}
