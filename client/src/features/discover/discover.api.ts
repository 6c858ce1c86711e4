import { MiniAppSchema, type MiniApp } from '@app/shared';
import { z } from 'zod';
import { api } from '../../lib/api-client';

const AppsSchema = z.object({ apps: z.array(MiniAppSchema) });

/** The directory, filtered by name or description when `q` is set. */
export async function fetchDirectory(q: string, signal?: AbortSignal): Promise<MiniApp[]> {
  const query = q.trim() ? `?${new URLSearchParams({ q: q.trim() }).toString()}` : '';
  return (await api(`/api/miniapps${query}`, AppsSchema, { signal })).apps;
}

/** The apps this person opened last, newest first. */
export async function fetchRecent(): Promise<MiniApp[]> {
  return (await api('/api/miniapps/recent', AppsSchema)).apps;
}
