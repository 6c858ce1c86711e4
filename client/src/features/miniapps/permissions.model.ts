import type { Consent, StoredAppData } from '@app/shared';

/** One app on Me → Mini-program permissions: what it was allowed or denied, and what it keeps for the person. */
export interface AppPermissions {
  appId: string;
  appName: string;
  consents: Consent[];
  stored: StoredAppData | null;
}

/** Groups consents and stored data by app, ordered by app name (the server's order within an app). */
export function byApp(consents: Consent[], stored: StoredAppData[]): AppPermissions[] {
  const groups = new Map<string, AppPermissions>();
  const groupOf = (appId: string, appName: string) => {
    const group = groups.get(appId) ?? { appId, appName, consents: [], stored: null };
    groups.set(appId, group);
    return group;
  };
  for (const c of consents) groupOf(c.appId, c.appName).consents.push(c);
  for (const s of stored) groupOf(s.appId, s.appName).stored = s;
  return [...groups.values()].sort((a, b) => a.appName.localeCompare(b.appName) || a.appId.localeCompare(b.appId));
}

/** "512 B", "3.5 KB": the same in both languages. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * Saves the page as a JSON file, to keep or to send to a data-protection office: what the person allowed or denied,
 * and which keys each app keeps for them.
 */
export function exportJson(consents: Consent[], stored: StoredAppData[]): void {
  const data = { exportedAt: new Date().toISOString(), consents, storage: stored };
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'miniapp-permissions.json';
  link.click();
  URL.revokeObjectURL(link.href);
}
