import { parseBackendEnv } from '@app/miniapp-sdk/server';
import { startServer } from './server';

/** Started by the platform (`pnpm start`, BUNDLED_APPS) with APP_ID, APP_SECRET, PLATFORM_URL, PORT, … set. */
async function main(): Promise<void> {
  const env = parseBackendEnv(process.env, { defaultPort: 3000 + 105 });
  const server = await startServer(env);
  process.stdout.write(`[scafaa455c] backend for ${env.appId} on ${server.url} (${server.kind})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`[scafaa455c] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
