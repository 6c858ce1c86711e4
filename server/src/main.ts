import { createApp } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { helloSettings, startBundledHello } from './seed/hello';

/**
 * Process entry: `pnpm start`. Serves the platform, publishes and starts the bundled mini-program backends (child
 * processes), prints the URLs and the demo accounts, and shuts everything down cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const hello = helloSettings();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, { logger });
  const url = await app.listen();
  const bundled = await startBundledHello(app, hello).catch(async (err: unknown) => {
    await app.close();
    throw err;
  });

  const lines = [
    '',
    `  Super-app messenger is running: ${url}`,
    `  database: ${app.database.kind}${app.database.kind === 'pglite' ? ` (${config.dataDir}/pglite)` : ''}` +
      `, redis: ${app.redis ? 'on' : 'off'}`,
    `  mini-programs: http://<appId>.${config.appsDomain}:${app.appsPort()}`,
    bundled.status === 'running'
      ? `  Hello mini-program backend: ${bundled.url} (appId ${bundled.appId}${bundled.published ? ', just published' : ''})`
      : `  Hello mini-program: not started (${bundled.reason})`,
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
    const backends = bundled.status === 'running' ? bundled.process.stop() : Promise.resolve();
    Promise.all([backends, app.close()]).then(
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
