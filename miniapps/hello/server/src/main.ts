import { z } from 'zod';
import { startHelloServer } from './server';

/** `APP_ID=… APP_SECRET=… PLATFORM_URL=… ALLOWED_ORIGIN=… node --import tsx server/src/main.ts` */
const EnvSchema = z.object({
  APP_ID: z.string().regex(/^mp[a-z0-9]{10}$/, 'APP_ID is the appId the platform issued'),
  APP_SECRET: z.string().min(20, 'APP_SECRET is the appSecret shown once at registration'),
  PLATFORM_URL: z
    .url()
    .default('http://127.0.0.1:3000')
    .transform((u) => u.replace(/\/$/, '')),
  /** The app's own origin, the only one allowed to call this backend from a browser. */
  ALLOWED_ORIGIN: z.url(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3101),
  HOST: z.string().default('127.0.0.1'),
});

async function main(): Promise<void> {
  const present = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Hello backend: invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const server = await startHelloServer({
    platformUrl: env.PLATFORM_URL,
    appId: env.APP_ID,
    appSecret: env.APP_SECRET,
    port: env.PORT,
    host: env.HOST,
    allowedOrigin: env.ALLOWED_ORIGIN,
  });
  process.stdout.write(`[hello] backend for ${env.APP_ID} on ${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
