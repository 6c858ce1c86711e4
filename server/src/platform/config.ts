import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: `pnpm start` runs inside server/, but the embedded data belongs at the root (README). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const PortSchema = z.coerce.number().int().min(0).max(65535);
const DEFAULT_PORT = 3000;

/** Environment variables the server reads, parsed once at boot. Unknown variables are ignored. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: PortSchema.default(DEFAULT_PORT),
  /** Unset → PORT + 1 (3001), so a second run on another PORT needs no other setting. */
  APPS_PORT: PortSchema.optional(),
  HOST: z.string().default('0.0.0.0'),
  /** Relative paths are resolved against the working directory; unset → <repo>/data (<repo>/data-<PORT> off 3000). */
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  /** Postgres connections per node; concurrent commits share WAL flushes, so more connections = more throughput. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(30),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')
    .optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  /** Seals app secrets at rest (webhook signing, ADR 0004); unset → generated under DATA_DIR. Share it across nodes. */
  SECRETS_KEY: z.string().min(32, 'SECRETS_KEY must be at least 32 characters').optional(),
  /** `1`: every app's webhooks may reach loopback and private networks (apps owned by an admin always may). */
  WEBHOOK_PRIVATE_TARGETS: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  PUBLIC_URL: z.url().optional(),
  /** Mini-programs get `<appId>.<APPS_DOMAIN>` origins; Chromium resolves `*.localhost` to loopback. */
  APPS_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'APPS_DOMAIN is a domain name like apps.example.com')
    .default('apps.localhost'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built client lives; served as static files when present. */
  CLIENT_DIST: z.string().optional(),
  /**
   * How long a money request owns its Idempotency-Key before a retry may take it over (the request is taken for
   * dead). Longer than the slowest money request; short enough that a client retrying after a crash is not kept
   * waiting long.
   */
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** Seed the demo accounts on an empty database (on by default; tests turn it off). */
  SEED_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  appsPort: number;
  /** APPS_PORT was not set: PORT + 1 is only a preference, and another free port will do when it is taken. */
  appsPortDerived: boolean;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  redisUrl: string | undefined;
  /** Undefined until resolved by `resolveJwtSecret` (generated under DATA_DIR when unset). */
  jwtSecret: string | undefined;
  /** Undefined until resolved by `resolveSealingKey`. */
  secretsKey: string | undefined;
  webhookPrivateTargets: boolean;
  publicUrl: string | undefined;
  appsDomain: string;
  logLevel: Env['LOG_LEVEL'];
  clientDist: string | undefined;
  seedDemo: boolean;
  idempotencyLeaseSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses environment variables with `schema`; throws a ConfigError that lists every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.output<S> {
  // `FOO=` in a shell means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Parses the environment; throws a ConfigError that lists every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(EnvSchema, source);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    appsPort: e.APPS_PORT ?? (e.PORT === 0 ? 0 : e.PORT + 1),
    appsPortDerived: e.APPS_PORT === undefined,
    host: e.HOST,
    dataDir: e.DATA_DIR
      ? path.resolve(e.DATA_DIR)
      : path.join(REPO_ROOT, e.PORT === DEFAULT_PORT ? 'data' : `data-${e.PORT}`),
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET,
    secretsKey: e.SECRETS_KEY,
    webhookPrivateTargets: e.WEBHOOK_PRIVATE_TARGETS,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    appsDomain: e.APPS_DOMAIN,
    logLevel: e.LOG_LEVEL,
    clientDist: e.CLIENT_DIST,
    seedDemo: e.SEED_DEMO,
    idempotencyLeaseSeconds: e.IDEMPOTENCY_LEASE_SECONDS,
  };
}
