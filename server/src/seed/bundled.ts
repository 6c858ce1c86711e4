import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppIdSchema, type CreateApp } from '@app/shared';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { MiniAppsService } from '../miniapps/miniapps.service';
import { miniapps } from '../miniapps/miniapps.tables';
import type { Db } from '../schema';
import { users } from '../users/users.tables';

/**
 * The mini-programs that ship with the messenger are published through the same registry pipeline a third party
 * uses (DESIGN §6): create → settings → upload the zip → submit → admin approves → release to 100 %. Their
 * credentials live in DATA_DIR/bundled-apps.json (mode 0600), so a restart hands the same appId and appSecret to
 * their backends. The server never imports a mini-program's code: it reads the built zip from disk and spawns the
 * backend as its own process (seed/backends.ts).
 */

export const BUNDLED_APPS_FILE = 'bundled-apps.json';

const BundledAppSchema = z.object({
  appId: AppIdSchema,
  appSecret: z.string().min(20),
  version: z.string(),
  /** The origin its page calls (baked into the package as config.json) and the app declares as its domain. */
  backendUrl: z.string(),
  webhookUrl: z.string(),
});
export type BundledApp = z.infer<typeof BundledAppSchema>;
const BundledAppsFileSchema = z.record(z.string(), BundledAppSchema);

export async function readBundledApps(dataDir: string): Promise<Record<string, BundledApp>> {
  const file = path.join(dataDir, BUNDLED_APPS_FILE);
  try {
    return BundledAppsFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${file} is unreadable or malformed; fix or remove it`, { cause: err });
  }
}

/** Rewrites the whole file (write + rename, so a crash never leaves half a file), readable by this user only. */
export async function writeBundledApp(dataDir: string, key: string, entry: BundledApp): Promise<void> {
  const file = path.join(dataDir, BUNDLED_APPS_FILE);
  const all = { ...(await readBundledApps(dataDir)), [key]: entry };
  await mkdir(dataDir, { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  await chmod(`${file}.tmp`, 0o600);
  await rename(`${file}.tmp`, file);
}

export interface PublishInput {
  /** The developer account that owns the app. */
  ownerId: string;
  /** The admin who approves the version. */
  reviewerId: string;
  app: CreateApp;
  zip: Uint8Array;
  webhookUrl: string;
  domains: string[];
}

/** Registers an app and takes one package through upload → review → release 100 %, exactly like the portal does. */
export async function publishThroughPipeline(
  miniApps: MiniAppsService,
  input: PublishInput,
): Promise<{ appId: string; appSecret: string; version: string }> {
  const { ownerId } = input;
  const { app, appSecret } = await miniApps.create(ownerId, input.app);
  await miniApps.update(ownerId, app.appId, { webhookUrl: input.webhookUrl, domains: input.domains });
  const { version } = await miniApps.upload(ownerId, app.appId, input.zip);
  await miniApps.submit(ownerId, app.appId, version);
  await miniApps.review(input.reviewerId, app.appId, version, true, undefined);
  await miniApps.release(ownerId, app.appId, version, 100);
  return { appId: app.appId, appSecret, version };
}

/** Reads a built package, failing with what to run when it is not there. */
export async function readPackage(zipPath: string, buildHint: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(zipPath));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new Error(`The bundled mini-program package ${zipPath} is missing: build it with "${buildHint}"`);
  }
}

async function adminId(db: Db): Promise<string> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  if (!admin) throw new Error('Publishing the bundled mini-programs needs an admin account (the demo seed makes one)');
  return admin.id;
}

export async function appExists(db: Db, appId: string): Promise<boolean> {
  const [row] = await db.select({ appId: miniapps.appId }).from(miniapps).where(eq(miniapps.appId, appId));
  return !!row;
}

export interface EnsureBundledOptions {
  db: Db;
  miniApps: MiniAppsService;
  dataDir: string;
  /** Key in bundled-apps.json. */
  key: string;
  app: CreateApp;
  zipPath: string;
  buildHint: string;
  backendUrl: string;
  webhookUrl: string;
  /** True when the demo data was seeded just now (an empty database): the only time a bundled app is published. */
  freshlySeeded: boolean;
}

export type EnsureResult = { status: 'published' | 'reused'; app: BundledApp } | { status: 'skipped'; reason: string };

/**
 * Publishes a bundled app once, on the database the demo data was just seeded into, and remembers its credentials;
 * later starts reuse them. A database that was not freshly seeded and has no record of the app is left alone.
 */
export async function ensureBundledApp(options: EnsureBundledOptions): Promise<EnsureResult> {
  const { db, dataDir, key } = options;
  const stored = (await readBundledApps(dataDir))[key];
  if (stored && !options.freshlySeeded && (await appExists(db, stored.appId))) return { status: 'reused', app: stored };
  if (!options.freshlySeeded) {
    return {
      status: 'skipped',
      reason: stored
        ? `app ${stored.appId} from ${BUNDLED_APPS_FILE} is not in this database`
        : 'bundled apps are published only when the demo data is seeded into an empty database',
    };
  }
  const zip = await readPackage(options.zipPath, options.buildHint);
  const ownerId = await adminId(db);
  const published = await publishThroughPipeline(options.miniApps, {
    ownerId,
    reviewerId: ownerId,
    app: options.app,
    zip,
    webhookUrl: options.webhookUrl,
    domains: [new URL(options.backendUrl).origin],
  });
  const entry: BundledApp = { ...published, backendUrl: options.backendUrl, webhookUrl: options.webhookUrl };
  await writeBundledApp(dataDir, key, entry);
  return { status: 'published', app: entry };
}
