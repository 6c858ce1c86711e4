import { randomBytes } from 'node:crypto';
import type { AuthResponse } from '@app/shared';

export interface Api {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
}

/** A tiny JSON client for tests: never throws on HTTP errors, returns status and parsed body. */
export async function api(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Api> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}

export function uniqueName(prefix = 'u'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export interface BuiltUser extends AuthResponse {
  password: string;
}

/** Registers a fresh user through the real API. */
export async function buildUser(
  baseUrl: string,
  overrides: { username?: string; password?: string; displayName?: string; inviteCode?: string } = {},
): Promise<BuiltUser> {
  const password = overrides.password ?? 'correct horse battery';
  const username = overrides.username ?? uniqueName();
  const res = await api(baseUrl, 'POST', '/api/auth/register', {
    body: {
      username,
      password,
      displayName: overrides.displayName ?? `User ${username}`,
      ...(overrides.inviteCode ? { inviteCode: overrides.inviteCode } : {}),
    },
  });
  if (res.status !== 201) throw new Error(`buildUser failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...(res.body as AuthResponse), password };
}
