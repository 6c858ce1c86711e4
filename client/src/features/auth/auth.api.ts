import {
  CookieAuthResponseSchema,
  SESSION_HEADER,
  type CookieAuthResponse,
  type Login,
  type Register,
} from '@app/shared';
import { api } from '../../lib/api-client';
import { httpJson } from '../../lib/http';

/** The web client keeps its refresh token in the HttpOnly session cookie, never in JSON (ADR 0008). */
const COOKIE_SESSION = { [SESSION_HEADER.name]: SESSION_HEADER.value };

export function loginRequest(body: Login): Promise<CookieAuthResponse> {
  return httpJson('/api/auth/login', CookieAuthResponseSchema, { method: 'POST', body, headers: COOKIE_SESSION });
}

export function registerRequest(body: Register): Promise<CookieAuthResponse> {
  return httpJson('/api/auth/register', CookieAuthResponseSchema, { method: 'POST', body, headers: COOKIE_SESSION });
}

/** Revokes the session cookie's refresh-token chain on the server and clears the cookie. */
export function logoutRequest(): Promise<void> {
  return api('/api/auth/logout', null, { method: 'POST', body: {}, headers: COOKIE_SESSION });
}
