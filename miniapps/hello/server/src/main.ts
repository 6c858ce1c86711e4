import { parseBackendEnv } from '@app/miniapp-sdk/server';
import { startHelloServer } from './server';

/**
 * `APP_NAME=hello APP_ID=… APP_SECRET=… PLATFORM_URL=… ALLOWED_ORIGIN=… PORT=3101 APP_DATA_DIR=…|DATABASE_URL=…
 * node --import tsx server/src/main.ts` — the platform starts it this way as a child process (`pnpm start`).
 */
async function main(): Promise<void> {
  const env = parseBackendEnv(process.env, { defaultPort: 3101 });
  if (env.name !== 'hello') throw new Error(`APP_NAME is "${env.name}", but this is Hello's backend (app_hello)`);
  const server = await startHelloServer({
    platformUrl: env.platformUrl,
    appId: env.appId,
    appSecret: env.appSecret,
    port: env.port,
    host: env.host,
    allowedOrigin: env.allowedOrigin,
    database: env.database,
  });
  const where = server.database.kind === 'postgres' ? 'Postgres schema app_hello' : 'PGlite';
  process.stdout.write(`[hello] backend for ${env.appId} on ${server.url} (${where})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`[hello] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
