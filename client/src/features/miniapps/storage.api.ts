import {
  StorageKeysPageSchema,
  StorageValueResponseSchema,
  StoredAppDataListSchema,
  type StorageKeysPage,
  type StoredAppData,
} from '@app/shared';
import { api } from '../../lib/api-client';

/** Bridge storage.* as the host page asks the platform for it, with the person's own token (never the iframe). */
const base = (appId: string) => `/api/bridge/storage/${encodeURIComponent(appId)}`;
const keyQuery = (key: string) => `?${new URLSearchParams({ key }).toString()}`;

export async function storageGet(appId: string, key: string): Promise<string | null> {
  return (await api(`${base(appId)}${keyQuery(key)}`, StorageValueResponseSchema)).value;
}

export async function storageSet(appId: string, key: string, value: string): Promise<void> {
  await api(base(appId), null, { method: 'PUT', body: { key, value } });
}

export async function storageRemove(appId: string, key: string): Promise<void> {
  await api(`${base(appId)}${keyQuery(key)}`, null, { method: 'DELETE' });
}

export function storageKeys(appId: string, after?: string): Promise<StorageKeysPage> {
  const query = after === undefined ? '' : `?${new URLSearchParams({ after }).toString()}`;
  return api(`${base(appId)}/keys${query}`, StorageKeysPageSchema);
}

/** Me → Mini-program permissions: every app that keeps data for the person. */
export async function fetchStoredData(): Promise<StoredAppData[]> {
  return (await api('/api/me/miniapps/storage', StoredAppDataListSchema)).apps;
}

/** "Clear data": the platform forgets what the app stored for the person. */
export async function clearStoredData(appId: string): Promise<void> {
  await api(`/api/me/miniapps/${encodeURIComponent(appId)}/storage`, null, { method: 'DELETE' });
}
