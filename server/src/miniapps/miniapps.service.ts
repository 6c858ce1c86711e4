import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { ROLLBACK_DEPTH, type CreateApp, type DevApp, type MiniApp, type UpdateApp, type Version } from '@app/shared';
import { and, desc, eq, gt, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { AppError } from '../platform/errors';
import type { Sealer } from '../platform/sealing';
import { recordAudit } from '../admin/admin.audit';
import type { Db, Tx } from '../schema';
import { directory, recent, recordOpen, versionFor } from './miniapps.directory';
import { checkPackage, storePackage } from './miniapps.package';
import { PreviewTokens } from './miniapps.preview';
import { presentApp, presentDevApp, presentVersion } from './miniapps.presenter';
import { miniappVersions, miniapps, type MiniAppRow, type VersionRow } from './miniapps.tables';

export { bucketOf } from './miniapps.directory';

/** Versions the developer and reviewers can preview (a draft is not submitted; a rejected one is done with). */
const PREVIEWABLE: VersionRow['status'][] = ['in_review', 'approved', 'released'];
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function newAppId(): string {
  const bytes = randomBytes(10);
  return `mp${[...bytes].map((b) => ID_ALPHABET[b % 36]).join('')}`;
}

function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The mini-program registry (DESIGN §6): apps and their secrets, code packages as versions moving
 * draft → in review → approved | rejected → released (a gray percentage, then 100 %), and rollback.
 */
export class MiniAppsService {
  private readonly previewTokens: PreviewTokens;

  constructor(
    private readonly db: Db,
    /** Where unpacked versions live: `<root>/<appId>/<version>/`. */
    readonly packagesRoot: string,
    /** Seals the app secret so webhooks can be signed with it (ADR 0004). */
    private readonly sealer: Sealer,
  ) {
    this.previewTokens = new PreviewTokens(sealer.deriveKey('miniapp-preview'));
  }

  /** The same registry on a transaction handle: several pipeline steps that must commit (or not) together. */
  within(tx: Tx): MiniAppsService {
    return new MiniAppsService(tx, this.packagesRoot, this.sealer);
  }

  /** The app secret, for signing webhooks; undefined for apps created before secrets were sealed. */
  secretOf(app: Pick<MiniAppRow, 'appId' | 'secretSealed'>): string | undefined {
    return app.secretSealed ? this.sealer.open(app.secretSealed, app.appId) : undefined;
  }

  async create(ownerId: string, input: CreateApp): Promise<{ app: DevApp; appSecret: string }> {
    const { secret, hash } = newSecret();
    const appId = newAppId();
    const [row] = await this.db
      .insert(miniapps)
      .values({
        appId,
        ownerId,
        name: input.name,
        iconUrl: input.iconUrl ?? null,
        category: input.category,
        description: input.description,
        secretHash: hash,
        secretSealed: this.sealer.seal(secret, appId),
      })
      .returning();
    return { app: presentDevApp(row!), appSecret: secret };
  }

  async mine(ownerId: string): Promise<DevApp[]> {
    const rows = await this.db
      .select()
      .from(miniapps)
      .where(eq(miniapps.ownerId, ownerId))
      .orderBy(desc(miniapps.createdAt));
    return rows.map(presentDevApp);
  }

  /** The app, if the caller owns it (otherwise it does not exist for them). */
  async owned(ownerId: string, appId: string): Promise<MiniAppRow> {
    const [row] = await this.db.select().from(miniapps).where(eq(miniapps.appId, appId));
    if (!row || row.ownerId !== ownerId) throw new AppError('not_found', 'No such app of yours');
    return row;
  }

  /** A new secret, shown once; the old one stops working at once. */
  async rotateSecret(ownerId: string, appId: string): Promise<string> {
    await this.owned(ownerId, appId);
    const { secret, hash } = newSecret();
    await this.db
      .update(miniapps)
      .set({ secretHash: hash, secretSealed: this.sealer.seal(secret, appId) })
      .where(eq(miniapps.appId, appId));
    return secret;
  }

  async update(ownerId: string, appId: string, input: UpdateApp): Promise<DevApp> {
    await this.owned(ownerId, appId);
    const [row] = await this.db
      .update(miniapps)
      .set({
        ...(input.webhookUrl !== undefined ? { webhookUrl: input.webhookUrl } : {}),
        ...(input.domains ? { domains: [...new Set(input.domains)] } : {}),
        ...(input.launchConfig ? { launchConfig: input.launchConfig } : {}),
      })
      .where(eq(miniapps.appId, appId))
      .returning();
    return presentDevApp(row!);
  }

  /** Validates and stores a package as a new draft version (its version comes from its manifest). */
  async upload(ownerId: string, appId: string, zip: Uint8Array): Promise<Version> {
    await this.owned(ownerId, appId);
    const pkg = checkPackage(zip);
    const { version } = pkg.manifest;
    const [existing] = await this.db
      .select()
      .from(miniappVersions)
      .where(and(eq(miniappVersions.appId, appId), eq(miniappVersions.version, version)));
    if (existing)
      throw new AppError('version_exists', `Version ${version} already exists; raise the version in miniapp.json`);
    await storePackage(this.packagesRoot, appId, version, pkg);
    const [row] = await this.db
      .insert(miniappVersions)
      .values({ appId, version, manifest: pkg.manifest, bytes: pkg.bytes, files: pkg.files.size })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('version_exists', `Version ${version} already exists`);
    return presentVersion(row);
  }

  async versions(ownerId: string, appId: string): Promise<Version[]> {
    await this.owned(ownerId, appId);
    const rows = await this.db
      .select()
      .from(miniappVersions)
      .where(eq(miniappVersions.appId, appId))
      .orderBy(desc(miniappVersions.createdAt));
    return rows.map(presentVersion);
  }

  async submit(ownerId: string, appId: string, version: string): Promise<Version> {
    await this.owned(ownerId, appId);
    return this.move(appId, version, ['draft', 'rejected'], { status: 'in_review', reviewNote: null });
  }

  /** Admin review. Rejection needs a reason the developer will read. */
  async review(
    adminId: string,
    appId: string,
    version: string,
    approve: boolean,
    reason: string | undefined,
  ): Promise<Version> {
    if (!approve && !reason)
      throw new AppError('validation_failed', 'Say why the version is rejected', { reason: 'Required' });
    // The decision and its audit row commit together (DESIGN §8: every admin action is audited).
    return this.db.transaction(async (tx) => {
      const decided = await this.move(
        appId,
        version,
        ['in_review'],
        { status: approve ? 'approved' : 'rejected', reviewNote: reason ?? null, reviewedBy: adminId },
        tx,
      );
      await recordAudit(tx, {
        adminId,
        action: approve ? 'version.approve' : 'version.reject',
        targetType: 'version',
        targetId: `${appId}@${version}`,
        reason,
      });
      return decided;
    });
  }

  async reviewQueue(): Promise<Array<{ app: MiniApp; version: Version }>> {
    const rows = await this.db
      .select({ app: miniapps, version: miniappVersions })
      .from(miniappVersions)
      .innerJoin(miniapps, eq(miniapps.appId, miniappVersions.appId))
      .where(eq(miniappVersions.status, 'in_review'))
      .orderBy(miniappVersions.createdAt);
    return rows.map((r) => ({ app: presentApp(r.app), version: presentVersion(r.version) }));
  }

  /**
   * Releases an approved version to `percent` of users (a gray release), or raises the share of one already released.
   * At most one version is gray at a time; releasing to 100 % makes it the version everyone else gets too.
   */
  async release(ownerId: string, appId: string, version: string, percent: number): Promise<Version> {
    await this.owned(ownerId, appId);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(miniappVersions)
        .where(and(eq(miniappVersions.appId, appId), eq(miniappVersions.version, version)))
        .for('update');
      if (!row) throw new AppError('not_found', 'No such version');
      if (row.status !== 'approved' && row.status !== 'released')
        throw new AppError('wrong_state', `Only approved versions can be released (this one is ${row.status})`);
      // Any other gray version stops being handed out.
      await tx
        .update(miniappVersions)
        .set({ releasePercent: 0 })
        .where(
          and(
            eq(miniappVersions.appId, appId),
            sql`${miniappVersions.version} <> ${version}`,
            gt(miniappVersions.releasePercent, 0),
            lt(miniappVersions.releasePercent, 100),
          ),
        );
      const [updated] = await tx
        .update(miniappVersions)
        .set({ status: 'released', releasePercent: percent, releasedAt: sql`now()` })
        .where(and(eq(miniappVersions.appId, appId), eq(miniappVersions.version, version)))
        .returning();
      return presentVersion(updated!);
    });
  }

  /** Makes one of the last ROLLBACK_DEPTH released versions the version for everyone again. */
  async rollback(ownerId: string, appId: string, version: string): Promise<Version> {
    await this.owned(ownerId, appId);
    const recent = await this.db
      .select({ version: miniappVersions.version })
      .from(miniappVersions)
      .where(and(eq(miniappVersions.appId, appId), isNotNull(miniappVersions.releasedAt)))
      .orderBy(desc(miniappVersions.releasedAt))
      .limit(ROLLBACK_DEPTH + 1);
    if (!recent.some((r) => r.version === version)) {
      throw new AppError('wrong_state', `Rollback reaches the last ${ROLLBACK_DEPTH} released versions only`);
    }
    await this.db
      .update(miniappVersions)
      .set({ releasePercent: 0 })
      .where(and(eq(miniappVersions.appId, appId), gt(miniappVersions.releasePercent, 0)));
    return this.release(ownerId, appId, version, 100);
  }

  /** Active apps this person can open, for Discover (see miniapps.directory.ts). */
  directory(userId: string, q?: string): Promise<MiniApp[]> {
    return directory(this.db, userId, q);
  }

  recordOpen(userId: string, appId: string): Promise<void> {
    return recordOpen(this.db, userId, appId);
  }

  recent(userId: string): Promise<MiniApp[]> {
    return recent(this.db, userId);
  }

  /** The version a person gets: the gray one if their bucket falls in its share, else the newest at 100 %. */
  async launch(userId: string, appId: string): Promise<{ app: MiniAppRow; version: VersionRow }> {
    const app = await this.activeApp(appId);
    const chosen = await versionFor(this.db, userId, app);
    if (!chosen) throw new AppError('not_found', 'This mini-program is not available to you yet');
    return { app, version: chosen };
  }

  /**
   * What the app's developer and the reviewers open before (or besides) a release: `version` if given, else the
   * newest version in review, approved or released. Anyone else gets `not_found`, as for a missing app.
   */
  async preview(
    viewer: { userId: string; role: string },
    appId: string,
    version?: string,
  ): Promise<{ app: MiniAppRow; version: VersionRow }> {
    const app = await this.activeApp(appId);
    if (app.ownerId !== viewer.userId && viewer.role !== 'admin')
      throw new AppError('not_found', 'No such mini-program');
    const [chosen] = await this.db
      .select()
      .from(miniappVersions)
      .where(
        and(
          eq(miniappVersions.appId, appId),
          inArray(miniappVersions.status, PREVIEWABLE),
          version ? eq(miniappVersions.version, version) : undefined,
        ),
      )
      .orderBy(desc(miniappVersions.createdAt))
      .limit(1);
    if (!chosen) throw new AppError('not_found', 'Nothing to preview: upload a version and submit it for review');
    return { app, version: chosen };
  }

  /** A preview link's token for a version (the hosting server serves `/_p/<token>/…`; see miniapps.preview.ts). */
  previewToken(appId: string, version: string): string {
    return this.previewTokens.mint(appId, version);
  }

  /** The version a preview token opens on this app's origin, while the token holds and the version is previewable. */
  async previewable(appId: string, token: string): Promise<{ app: MiniAppRow; version: VersionRow } | undefined> {
    const version = this.previewTokens.verify(appId, token);
    if (!version) return undefined;
    const found = await this.versionOfActiveApp(appId, version);
    return found && PREVIEWABLE.includes(found.version.status) ? found : undefined;
  }

  /** Whether a version's files may be served to browsers (reviewed and not rejected). */
  async servable(appId: string, version: string): Promise<{ app: MiniAppRow; version: VersionRow } | undefined> {
    const found = await this.versionOfActiveApp(appId, version);
    return found && (found.version.status === 'approved' || found.version.status === 'released') ? found : undefined;
  }

  private async versionOfActiveApp(appId: string, version: string) {
    const [row] = await this.db
      .select({ app: miniapps, version: miniappVersions })
      .from(miniappVersions)
      .innerJoin(miniapps, eq(miniapps.appId, miniappVersions.appId))
      .where(and(eq(miniappVersions.appId, appId), eq(miniappVersions.version, version)));
    return row && row.app.status === 'active' ? row : undefined;
  }

  private async activeApp(appId: string): Promise<MiniAppRow> {
    const [app] = await this.db.select().from(miniapps).where(eq(miniapps.appId, appId));
    if (!app || app.status !== 'active') throw new AppError('not_found', 'No such mini-program');
    return app;
  }

  packageDir(appId: string, version: string): string {
    return path.join(this.packagesRoot, appId, version);
  }

  private async move(
    appId: string,
    version: string,
    from: VersionRow['status'][],
    set: Partial<VersionRow>,
    db: Db | Tx = this.db,
  ): Promise<Version> {
    const [row] = await db
      .update(miniappVersions)
      .set(set)
      .where(
        and(
          eq(miniappVersions.appId, appId),
          eq(miniappVersions.version, version),
          inArray(miniappVersions.status, from),
        ),
      )
      .returning();
    if (row) return presentVersion(row);
    const [current] = await db
      .select()
      .from(miniappVersions)
      .where(and(eq(miniappVersions.appId, appId), eq(miniappVersions.version, version)));
    if (!current) throw new AppError('not_found', 'No such version');
    throw new AppError('wrong_state', `This version is ${current.status}`);
  }
}
