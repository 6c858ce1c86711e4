import { ConsentListSchema, type Consent, type Scope } from '@app/shared';
import { z } from 'zod';
import { api } from '../../lib/api-client';

export async function fetchConsents(): Promise<Consent[]> {
  return (await api('/api/me/consents', ConsentListSchema)).consents;
}

export async function revokeConsent(appId: string, scope: Scope): Promise<void> {
  await api(`/api/me/consents/${encodeURIComponent(appId)}/${encodeURIComponent(scope)}`, z.unknown(), {
    method: 'DELETE',
  });
}
