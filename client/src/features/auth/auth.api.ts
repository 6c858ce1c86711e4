import { AuthResponseSchema, type AuthResponse, type Login, type Register } from '@app/shared';
import { api } from '../../lib/api-client';
import { httpJson } from '../../lib/http';

export function loginRequest(body: Login): Promise<AuthResponse> {
  return httpJson('/api/auth/login', AuthResponseSchema, { method: 'POST', body });
}

export function registerRequest(body: Register): Promise<AuthResponse> {
  return httpJson('/api/auth/register', AuthResponseSchema, { method: 'POST', body });
}

/** Revokes the refresh-token chain on the server (any token of the chain identifies it, even a spent one). */
export function logoutRequest(refreshToken: string | null): Promise<void> {
  return api('/api/auth/logout', null, { method: 'POST', body: refreshToken ? { refreshToken } : {} });
}
