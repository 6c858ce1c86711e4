import { HealthSchema, MeSchema, type Health, type Me, type UpdateMe } from '@app/shared';
import { api } from '../../lib/api-client';
import { httpJson } from '../../lib/http';

export function updateMe(patch: UpdateMe): Promise<Me> {
  return api('/api/me', MeSchema, { method: 'PATCH', body: patch });
}

export function fetchHealth(): Promise<Health> {
  return httpJson('/api/health', HealthSchema);
}
