import { AppIdSchema } from '@app/shared/openapi';
import { z } from 'zod';

/** `hello`, `hospital`: lower case, the app's own Postgres schema is `app_<name>`. */
export const APP_NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

const url = (what: string) =>
  z
    .url(`${what} must be a URL`)
    .refine((u) => /^https?:$/.test(new URL(u).protocol), `${what} must be http(s)`)
    .transform((u) => u.replace(/\/+$/, ''));

/**
 * The environment the platform gives every bundled backend it runs as a child process (and that a developer gives
 * their own backend). Empty values count as unset.
 */
export const BackendEnvSchema = z.object({
  APP_NAME: z.string().regex(APP_NAME_PATTERN, 'APP_NAME is the app folder name: a-z, 0-9, _ (e.g. hello)'),
  APP_ID: AppIdSchema,
  APP_SECRET: z.string().min(20, 'APP_SECRET is the appSecret shown once at registration'),
  PLATFORM_URL: url('PLATFORM_URL').default('http://127.0.0.1:3000'),
  PORT: z.coerce.number({ error: 'PORT is the port to listen on' }).int().min(0).max(65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The app's own origin (`http://<appId>.apps.localhost:3001`): the only one allowed to call it from a browser. */
  ALLOWED_ORIGIN: url('ALLOWED_ORIGIN').refine(
    (u) => new URL(u).origin === u,
    'ALLOWED_ORIGIN is an origin: scheme, host and port, no path',
  ),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  APP_DATA_DIR: z.string().min(1).optional(),
});

export interface BackendEnv {
  /** `hello`: the app's own Postgres schema is `app_hello`. */
  name: string;
  appId: string;
  appSecret: string;
  /** Without a trailing slash. */
  platformUrl: string;
  port: number;
  host: string;
  allowedOrigin: string;
  /** What `openAppDatabase` needs besides the app's name and migrations. */
  database: { databaseUrl: string; dataDir?: undefined } | { databaseUrl?: undefined; dataDir: string };
}

/**
 * The environment was wrong: the message lists every problem, one per line.
 *
 * @example
 * try {
 *   parseBackendEnv();
 * } catch (err) {
 *   if (err instanceof BackendEnvError) process.exit((console.error(err.message), 1));
 * }
 */
export class BackendEnvError extends Error {
  override name = 'BackendEnvError';
}

/**
 * Parses the backend environment (`APP_NAME`, `APP_ID`, `APP_SECRET`, `PLATFORM_URL`, `PORT`, `HOST`,
 * `ALLOWED_ORIGIN`, and `DATABASE_URL` or `APP_DATA_DIR`) or throws a `BackendEnvError` naming every bad variable.
 * `DATABASE_URL` wins over `APP_DATA_DIR`.
 *
 * @example
 * import { parseBackendEnv } from '@app/miniapp-sdk/server';
 *
 * const env = parseBackendEnv(process.env, { defaultPort: 3101 });
 * const database = await openAppDatabase({ name: env.name, migrationsFolder, ...env.database });
 */
export function parseBackendEnv(
  source: Record<string, string | undefined> = process.env,
  options: { defaultPort?: number } = {},
): BackendEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  if (present.PORT === undefined && options.defaultPort !== undefined) present.PORT = String(options.defaultPort);
  const parsed = BackendEnvSchema.safeParse(present);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
  if (!present.DATABASE_URL && !present.APP_DATA_DIR)
    lines.push(
      '  DATABASE_URL: Set DATABASE_URL (Postgres) or APP_DATA_DIR (where the embedded PGlite database lives)',
    );
  if (!parsed.success || lines.length) throw new BackendEnvError(`Invalid backend environment:\n${lines.join('\n')}`);
  const env = parsed.data;
  return {
    name: env.APP_NAME,
    appId: env.APP_ID,
    appSecret: env.APP_SECRET,
    platformUrl: env.PLATFORM_URL,
    port: env.PORT,
    host: env.HOST,
    allowedOrigin: env.ALLOWED_ORIGIN,
    database: env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.APP_DATA_DIR! },
  };
}
