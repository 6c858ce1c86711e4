import { createApp } from './app';
import { bundledTargets } from './bundled/bundled.manifest';
import { startBundledApps, type BundledRun } from './bundled/bundled.start';
import { ConfigError, loadConfig } from './platform/config';
import { DirLockedError } from './platform/dir-lock';
import { createLogger } from './platform/logger';

/**
 * Process entry: `pnpm start`. Serves the platform, publishes and starts the bundled mini-programs
 * (`miniapps/<name>/bundle.json`, BUNDLED_APPS) as supervised child processes, prints the URLs and the demo
 * accounts, and shuts everything down cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const targets = await bundledTargets(config);
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, { logger });
  const url = await app.listen();
  let bundled: BundledRun;
  try {
    bundled = await startBundledApps(app, targets);
  } catch (err) {
    await app.close();
    throw err;
  }

  const lines = [
    '',
    `  Super-app messenger is running: ${url}`,
    `  database: ${app.database.kind}${app.database.kind === 'pglite' ? ` (${config.dataDir}/pglite)` : ''}` +
      `, redis: ${app.redis ? 'on' : 'off'}`,
    `  mini-programs: http://<appId>.${config.appsDomain}:${app.appsPort()}`,
    ...bundled.running.map(
      (r) =>
        `  ${r.name} mini-program: appId ${r.appId}, version ${r.version}` +
        `${r.published ? ' (just published)' : ''}, backend ${r.backendUrl}`,
    ),
    ...bundled.skipped.map((s) => `  ${s.name} mini-program: not started (${s.reason})`),
  ];
  if (app.seeded) {
    lines.push(`  demo accounts${app.seeded.created ? ' (just created)' : ''}:`);
    for (const a of app.seeded.accounts)
      lines.push(`    ${a.username.padEnd(6)} / ${a.password}${a.role === 'admin' ? '  (admin)' : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    Promise.all([bundled.stop(), app.close()]).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DirLockedError;
  process.stderr.write(`${known ? (err as Error).message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
