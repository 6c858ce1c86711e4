import type { DevApp, MiniApp, Version } from '@app/shared';
import type { MiniAppRow, VersionRow } from './miniapps.tables';

export function presentApp(row: MiniAppRow): MiniApp {
  return {
    appId: row.appId,
    name: row.name,
    iconUrl: row.iconUrl,
    category: row.category as MiniApp['category'],
    description: row.description,
    status: row.status,
  } satisfies MiniApp;
}

export function presentDevApp(row: MiniAppRow): DevApp {
  return {
    ...presentApp(row),
    webhookUrl: row.webhookUrl,
    domains: row.domains,
    launchConfig: row.launchConfig,
    createdAt: row.createdAt.toISOString(),
  } satisfies DevApp;
}

export function presentVersion(row: VersionRow): Version {
  return {
    appId: row.appId,
    version: row.version,
    status: row.status,
    manifest: { ...row.manifest, subscribeTemplates: row.manifest.subscribeTemplates ?? [] },
    bytes: row.bytes,
    files: row.files,
    releasePercent: row.releasePercent,
    reviewNote: row.reviewNote,
    createdAt: row.createdAt.toISOString(),
    releasedAt: row.releasedAt?.toISOString() ?? null,
  } satisfies Version;
}
