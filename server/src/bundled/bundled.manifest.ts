import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateAppSchema } from '@app/shared';
import { z } from 'zod';
import { ConfigError, parseEnv, type Config } from '../platform/config';
import { portOrAny } from '../platform/ports';

/**
 * A bundled mini-program is a folder `miniapps/<name>/` with a `bundle.json`: what to register, which package to
 * publish, which backend to run. Nothing in server/ names an app (STYLE "Bundled apps are folders, not edits").
 */
export const MINIAPPS_DIR = fileURLToPath(new URL('../../../miniapps/', import.meta.url));

/** The apps `pnpm start` bundles when BUNDLED_APPS is unset, as far as their folders exist (DESIGN §7). */
export const DEFAULT_BUNDLED_APPS = ['hello', 'hospital', 'transit', 'merchant'];

const NameSchema = z.string().regex(/^[a-z][a-z0-9]{1,30}$/, 'A bundled app name is lower-case letters and digits');

export const BundleManifestSchema = z
  .object({
    /** How the app is registered (the same fields a developer fills in on the portal). */
    app: CreateAppSchema,
    /** The code package, relative to the app's folder, and the command that builds it. */
    package: z.object({ zip: z.string().min(1), build: z.string().min(1) }).strict(),
    backend: z
      .object({
        /** Its entry, relative to the app's folder, run as `node --import tsx <entry>`. */
        entry: z.string().min(1),
        /** It listens on PORT + portOffset unless `<NAME>_PORT` says otherwise (3101 for Hello with PORT 3000). */
        portOffset: z.int().min(1).max(999),
      })
      .strict(),
  })
  .strict();
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** One bundled app as this run will publish and start it. */
export interface BundledTarget {
  name: string;
  dir: string;
  manifest: BundleManifest;
  zipPath: string;
  port: number;
  /** The origin its page calls: handed to the page as `context.config.backendUrl` and declared as its API domain. */
  backendUrl: string;
  /** Where the platform POSTs its webhooks (server to server). */
  webhookUrl: string;
  /** Its own database: a Postgres server (its own schema there) or PGlite under `appDataDir`. */
  databaseUrl: string | undefined;
  appDataDir: string;
}

const ListSchema = z.object({
  /** Comma-separated names of folders under miniapps/, or `none`. */
  BUNDLED_APPS: z.string().optional(),
});

const AppEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PUBLIC_URL: z.url().optional(),
  WEBHOOK_URL: z.url().optional(),
  PACKAGE: z.string().min(1).optional(),
  DATABASE_URL: z.string().optional(),
});

async function readManifest(dir: string): Promise<BundleManifest | undefined> {
  const file = path.join(dir, 'bundle.json');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = BundleManifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new ConfigError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The bundled apps of this run, from BUNDLED_APPS (default: those of DEFAULT_BUNDLED_APPS whose folder exists) and
 * each app's `<NAME>_PORT`, `<NAME>_PUBLIC_URL`, `<NAME>_WEBHOOK_URL`, `<NAME>_PACKAGE`, `<NAME>_DATABASE_URL`.
 * Every default derives from PORT; a derived backend port that another run already holds gives way to a free one,
 * so two runs on any two ports work side by side.
 */
export async function bundledTargets(
  config: Pick<Config, 'port' | 'dataDir' | 'databaseUrl'>,
  env: NodeJS.ProcessEnv = process.env,
  root = MINIAPPS_DIR,
): Promise<BundledTarget[]> {
  const listed = parseEnv(ListSchema, env).BUNDLED_APPS?.trim();
  const explicit = listed !== undefined;
  const names = listed === 'none' ? [] : (listed?.split(',').map((n) => n.trim()) ?? DEFAULT_BUNDLED_APPS);
  const targets: BundledTarget[] = [];
  for (const name of names) {
    const checked = NameSchema.safeParse(name);
    if (!checked.success) throw new ConfigError(`BUNDLED_APPS: "${name}": ${checked.error.issues[0]?.message}`);
    const dir = path.join(root, name);
    const manifest = await readManifest(dir);
    if (!manifest) {
      if (explicit) throw new ConfigError(`BUNDLED_APPS names "${name}" but ${dir}/bundle.json does not exist`);
      continue;
    }
    const prefix = `${name.toUpperCase()}_`;
    const own = Object.fromEntries(
      Object.entries(env).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])),
    );
    const e = parseEnv(AppEnvSchema, own);
    const port = e.PORT ?? (await portOrAny(config.port + manifest.backend.portOffset));
    targets.push({
      name,
      dir,
      manifest,
      zipPath: e.PACKAGE ? path.resolve(e.PACKAGE) : path.resolve(dir, manifest.package.zip),
      port,
      backendUrl: new URL(e.PUBLIC_URL ?? `http://localhost:${port}`).origin,
      webhookUrl: e.WEBHOOK_URL ?? `http://127.0.0.1:${port}/webhooks`,
      databaseUrl: e.DATABASE_URL || config.databaseUrl,
      appDataDir: path.join(config.dataDir, 'apps', name),
    });
  }
  return targets;
}
