import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { checkPackage } from '../miniapps/miniapps.package';
import type { MiniAppsService } from '../miniapps/miniapps.service';
import { miniappVersions, miniapps, type MiniAppRow } from '../miniapps/miniapps.tables';
import type { Logger } from '../platform/logger';
import type { Db } from '../schema';
import { users } from '../users/users.tables';
import type { BundledTarget } from './bundled.manifest';
import { bundledApps } from './bundled.tables';

/** Where wave 1 kept bundled credentials; an app recorded there is adopted, never published twice. */
const LEGACY_FILE = 'bundled-apps.json';

export interface PublishDeps {
  db: Db;
  miniApps: MiniAppsService;
  logger: Logger;
  dataDir: string;
}

export type Ensured =
  | { status: 'ready'; appId: string; appSecret: string; version: string; published: string | undefined }
  | { status: 'skipped'; reason: string };

/** Reads a built package, failing with the command that builds it when it is not there. */
async function readZip(target: BundledTarget): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(target.zipPath));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return undefined;
  }
}

function missing(target: BundledTarget): Error {
  return new Error(
    `The bundled mini-program package ${target.zipPath} is missing: build it with "${target.manifest.package.build}"`,
  );
}

async function legacyAppId(dataDir: string, name: string): Promise<string | undefined> {
  try {
    const file = JSON.parse(await readFile(path.join(dataDir, LEGACY_FILE), 'utf8')) as unknown;
    return z.record(z.string(), z.object({ appId: z.string() })).parse(file)[name]?.appId;
  } catch {
    return undefined;
  }
}

async function findApp(db: Db, appId: string): Promise<MiniAppRow | undefined> {
  const [row] = await db.select().from(miniapps).where(eq(miniapps.appId, appId));
  return row;
}

/**
 * Makes one bundled app ready to run, through the registry pipeline a third party uses (DESIGN §6/§7): registers it
 * once per database (an advisory lock makes concurrent nodes agree), adopts a wave-1 registration, points its
 * webhook, API domain and `launchConfig.backendUrl` at this run's backend, and publishes the package's version when
 * the registry does not have it yet (upload → submit → approve → release 100 %). Returns the credentials its backend
 * runs with: the secret comes from the registry's sealed copy (ADR 0004).
 */
export async function ensureBundledApp(deps: PublishDeps, target: BundledTarget): Promise<Ensured> {
  const zip = await readZip(target);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bundled_apps'), hashtext(${target.name}))`);
    const registry = deps.miniApps.within(tx);
    let app = await registeredApp(tx, deps.dataDir, target.name);
    if (!app) {
      const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
      if (!admin) return { status: 'skipped', reason: 'no admin account to own it (seed the demo data)' } as const;
      if (!zip) throw missing(target);
      const { app: created } = await registry.create(admin.id, target.manifest.app);
      await tx.insert(bundledApps).values({ name: target.name, appId: created.appId });
      app = (await findApp(tx, created.appId))!;
    }
    const { appId, ownerId } = app;
    await registry.update(ownerId, appId, {
      webhookUrl: target.webhookUrl,
      domains: [target.backendUrl],
      launchConfig: { ...app.launchConfig, backendUrl: target.backendUrl },
    });
    const published = zip ? await publishVersion(registry, tx, app, zip) : undefined;
    const [live] = await tx
      .select({ version: miniappVersions.version })
      .from(miniappVersions)
      .where(and(eq(miniappVersions.appId, appId), eq(miniappVersions.releasePercent, 100)))
      .orderBy(desc(miniappVersions.releasedAt))
      .limit(1);
    if (!live) throw missing(target);
    if (!zip) deps.logger.warn({ app: target.name }, `${target.zipPath} is missing; running the released version`);
    // An app registered before secrets were sealed gets a new one (its backend is the only holder).
    const appSecret = registry.secretOf(app) ?? (await registry.rotateSecret(ownerId, appId));
    return { status: 'ready', appId, appSecret, version: live.version, published } as const;
  });
}

/** The app this database knows as `name`, adopting a wave-1 registration from DATA_DIR/bundled-apps.json. */
async function registeredApp(tx: Db, dataDir: string, name: string): Promise<MiniAppRow | undefined> {
  const [row] = await tx.select().from(bundledApps).where(eq(bundledApps.name, name));
  if (row) return findApp(tx, row.appId);
  const legacy = await legacyAppId(dataDir, name);
  const app = legacy ? await findApp(tx, legacy) : undefined;
  if (app) await tx.insert(bundledApps).values({ name, appId: app.appId });
  return app;
}

/** Publishes the package's version unless the registry has it already; returns the version it published. */
async function publishVersion(
  registry: MiniAppsService,
  tx: Db,
  app: MiniAppRow,
  zip: Uint8Array,
): Promise<string | undefined> {
  const { version } = checkPackage(zip).manifest;
  const [known] = await tx
    .select({ version: miniappVersions.version })
    .from(miniappVersions)
    .where(and(eq(miniappVersions.appId, app.appId), eq(miniappVersions.version, version)));
  if (known) return undefined;
  await publishThroughPipeline(registry, { appId: app.appId, ownerId: app.ownerId, reviewerId: app.ownerId, zip });
  return version;
}

export interface PipelineInput {
  appId: string;
  /** The developer account that owns the app. */
  ownerId: string;
  /** The admin who approves the version. */
  reviewerId: string;
  zip: Uint8Array;
}

/** Takes one package through upload → submit → approve → release 100 %, exactly as the portal and review do. */
export async function publishThroughPipeline(registry: MiniAppsService, input: PipelineInput): Promise<string> {
  const { appId, ownerId } = input;
  const { version } = await registry.upload(ownerId, appId, input.zip);
  await registry.submit(ownerId, appId, version);
  await registry.review(input.reviewerId, appId, version, true, undefined);
  await registry.release(ownerId, appId, version, 100);
  return version;
}
