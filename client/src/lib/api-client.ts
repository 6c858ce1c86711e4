import type { z } from 'zod';
import { ApiError, httpJson, type HttpOptions } from './http';
import { accessTokenValidForMs, getAccessToken, refreshAccessToken } from './tokens';

export { ApiError } from './http';

/** Below this remaining lifetime a token is refreshed before use rather than sent to die. */
const MIN_TOKEN_LIFE_MS = 5_000;

/** The access token, refreshed first when it is missing or nearly spent (the session cookie decides; 401 if none). */
async function usableToken(): Promise<string> {
  const token = getAccessToken();
  if (token && accessTokenValidForMs() > MIN_TOKEN_LIFE_MS) return token;
  return refreshAccessToken();
}

/**
 * An authenticated API call (Bearer access token). On `401 token_expired` it refreshes the access token — one
 * refresh shared by every concurrent caller — and retries the request once.
 *
 * @example const me = await api('/api/me', MeSchema);
 */
export async function api<T>(
  path: string,
  schema: z.ZodType<T> | null,
  options: Omit<HttpOptions, 'token'> = {},
): Promise<T> {
  const token = await usableToken();
  try {
    return await httpJson(path, schema, { ...options, token });
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'token_expired') throw err;
    // A concurrent caller may already have replaced the token this request used.
    const current = getAccessToken();
    const fresh = current && current !== token ? current : await refreshAccessToken();
    return httpJson(path, schema, { ...options, token: fresh });
  }
}
