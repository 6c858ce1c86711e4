import { createApp } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';

/** Process entry: `pnpm start`. Prints the URL and the demo accounts, shuts down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, { logger });
  const url = await app.listen();

  const lines = [
    '',
    `  Super-app messenger is running: ${url}`,
    `  database: ${app.database.kind}${app.database.kind === 'pglite' ? ` (${config.dataDir}/pglite)` : ''}` +
      `, redis: ${app.redis ? 'on' : 'off'}`,
    `  mini-programs: http://<appId>.${config.appsDomain}:${app.appsPort()}`,
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
    app.close().then(
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
  process.stderr.write(`${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
