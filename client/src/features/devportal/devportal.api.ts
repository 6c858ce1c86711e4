import {
  CreatedAppSchema,
  DevAppSchema,
  MerchantSchema,
  VersionSchema,
  WebhookDeliverySchema,
  type CreateApp,
  type DevApp,
  type Merchant,
  type UpdateApp,
  type Version,
  type WebhookDelivery,
} from '@app/shared';
import { z } from 'zod';
import { api } from '../../lib/api-client';

const AppsSchema = z.object({ apps: z.array(DevAppSchema) });
const AppSchema = z.object({ app: DevAppSchema });
const SecretSchema = z.object({ appSecret: z.string() });
const VersionsSchema = z.object({ versions: z.array(VersionSchema) });
const OneVersionSchema = z.object({ version: VersionSchema });

const appPath = (appId: string) => `/api/dev/apps/${encodeURIComponent(appId)}`;
const versionPath = (appId: string, version: string) => `${appPath(appId)}/versions/${encodeURIComponent(version)}`;

export async function fetchMyApps(): Promise<DevApp[]> {
  return (await api('/api/dev/apps', AppsSchema)).apps;
}

export async function createApp(body: Partial<CreateApp> & Pick<CreateApp, 'name' | 'category'>) {
  return api('/api/dev/apps', CreatedAppSchema, { method: 'POST', body });
}

export async function rotateSecret(appId: string): Promise<string> {
  return (await api(`${appPath(appId)}/secret`, SecretSchema, { method: 'POST', body: {} })).appSecret;
}

export async function updateApp(appId: string, body: UpdateApp): Promise<DevApp> {
  return (await api(appPath(appId), AppSchema, { method: 'PATCH', body })).app;
}

export async function fetchVersions(appId: string): Promise<Version[]> {
  return (await api(`${appPath(appId)}/versions`, VersionsSchema)).versions;
}

export async function submitVersion(appId: string, version: string): Promise<Version> {
  return (await api(`${versionPath(appId, version)}/submit`, OneVersionSchema, { method: 'POST', body: {} })).version;
}

export async function releaseVersion(appId: string, version: string, percent: number): Promise<Version> {
  const path = `${versionPath(appId, version)}/release`;
  return (await api(path, OneVersionSchema, { method: 'POST', body: { percent } })).version;
}

export async function rollbackTo(appId: string, version: string): Promise<Version> {
  return (await api(`${appPath(appId)}/rollback`, OneVersionSchema, { method: 'POST', body: { version } })).version;
}

/**
 * Uploads a code package (the zip is the raw body). Rejects with an ApiError; `invalid_package` carries one message
 * per problem in `fields`.
 */
export async function uploadPackage(appId: string, file: Blob): Promise<Version> {
  const zip = file.type === 'application/zip' ? file : new Blob([file], { type: 'application/zip' });
  return (await api(`${appPath(appId)}/versions`, OneVersionSchema, { method: 'POST', body: zip })).version;
}

/** One page of the merchant journal (newest first); pass the previous page's `nextCursor` for the next. */
export function fetchMerchant(appId: string, cursor?: string): Promise<Merchant> {
  return api(`${appPath(appId)}/merchant${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, MerchantSchema);
}

export async function fetchDeliveries(appId: string): Promise<WebhookDelivery[]> {
  return (await api(`${appPath(appId)}/webhooks`, z.object({ deliveries: z.array(WebhookDeliverySchema) }))).deliveries;
}
