import { AuthResponseSchema, CookieAuthResponseSchema, ErrorEnvelopeSchema } from '@app/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { buildUser, uniqueName, type BuiltUser } from '../support/factories';

/** The browser session cookie (ADR 0008): attributes, refresh and logout through it, CSRF refusals, body clients. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: inject('databaseUrl') });
});
afterAll(() => server.close());

const SESSION = { 'x-session': 'cookie' };

interface Sent {
  status: number;
  body: unknown;
  cookies: Cookie[];
}

/** The answer of a cookie-session client: strict, so a refresh token in the JSON fails the parse. */
const session = (res: Sent) => CookieAuthResponseSchema.strict().parse(res.body);
const withToken = (res: Sent) => AuthResponseSchema.parse(res.body);
const error = (res: Sent) => ErrorEnvelopeSchema.parse(res.body).error;

interface Cookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

function parseSetCookie(line: string): Cookie {
  const [pair = '', ...rest] = line.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const at = part.indexOf('=');
    if (at < 0) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, at).toLowerCase()] = part.slice(at + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

async function post(
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; cookie?: string; token?: string } = {},
): Promise<Sent> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.cookie ? { cookie: `refresh_token=${options.cookie}` } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify(options.body ?? {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    cookies: res.headers.getSetCookie().map(parseSetCookie),
  };
}

/** A person signed in the way the web client does it; `cookie` is the refresh token the browser would hold. */
async function browserLogin(): Promise<{ user: BuiltUser; cookie: string; accessToken: string }> {
  const user = await buildUser(server.url);
  const res = await post('/api/auth/login', {
    headers: SESSION,
    body: { username: user.user.username, password: user.password },
  });
  expect(res.status).toBe(200);
  return { user, cookie: res.cookies[0]!.value, accessToken: session(res).accessToken };
}

async function meWith(accessToken: string): Promise<number> {
  const res = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return res.status;
}

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, scoped to the refresh and logout paths, and never in the JSON', async () => {
    const user = await buildUser(server.url);
    const res = await post('/api/auth/login', {
      headers: SESSION,
      body: { username: user.user.username, password: user.password },
    });
    expect(res.status).toBe(200);
    expect(session(res).accessToken).toEqual(expect.any(String));
    expect(res.cookies.map((c) => c.attributes.path).sort()).toEqual(['/api/auth/logout', '/api/auth/refresh']);
    for (const cookie of res.cookies) {
      expect(cookie.name).toBe('refresh_token');
      expect(cookie.value).toMatch(/^[\w-]{40,}$/);
      expect(cookie.value).toBe(res.cookies[0]!.value);
      expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Strict', 'max-age': String(30 * 86_400) });
      // Plain http here: a Secure cookie would never come back.
      expect(cookie.attributes).not.toHaveProperty('secure');
    }
  });

  it('is set on registration too', async () => {
    const res = await post('/api/auth/register', {
      headers: SESSION,
      body: { username: uniqueName('ck'), password: 'a-long-password', displayName: 'Cookie' },
    });
    expect(res.status).toBe(201);
    expect(session(res).user.displayName).toBe('Cookie');
    expect(res.cookies).toHaveLength(2);
  });

  it('is Secure when a local proxy says the request came over https', async () => {
    const user = await buildUser(server.url);
    const res = await post('/api/auth/login', {
      headers: { ...SESSION, 'x-forwarded-proto': 'https' },
      body: { username: user.user.username, password: user.password },
    });
    expect(res.cookies).toHaveLength(2);
    for (const cookie of res.cookies) expect(cookie.attributes.secure).toBe(true);
  });
});

describe('refresh through the cookie', () => {
  it('rotates the cookie and answers with an access token, never the refresh token', async () => {
    const { user, cookie } = await browserLogin();
    const res = await post('/api/auth/refresh', { headers: SESSION, cookie });
    expect(res.status).toBe(200);
    expect(session(res).user.id).toBe(user.user.id);
    expect(await meWith(session(res).accessToken)).toBe(200);
    expect(res.cookies).toHaveLength(2);
    expect(res.cookies[0]!.value).not.toBe(cookie);
    // The spent cookie presented again (a stolen copy) ends the chain, and the answer drops the cookie.
    const reused = await post('/api/auth/refresh', { headers: SESSION, cookie });
    expect(reused.status).toBe(401);
    expect(error(reused).code).toBe('token_reused');
    expect(reused.cookies.map((c) => c.value)).toEqual(['', '']);
  });

  it('accepts our own Origin, as a browser sends it', async () => {
    const { cookie } = await browserLogin();
    const res = await post('/api/auth/refresh', { headers: { ...SESSION, origin: server.url }, cookie });
    expect(res.status).toBe(200);
  });

  it('refuses a cookie without the X-Session header (a cross-site form) with 403, and spends nothing', async () => {
    const { cookie } = await browserLogin();
    const res = await post('/api/auth/refresh', { cookie });
    expect(res.status).toBe(403);
    expect(error(res).code).toBe('csrf_rejected');
    expect(error(res).message).toMatch(/X-Session/);
    expect((await post('/api/auth/refresh', { headers: SESSION, cookie })).status).toBe(200);
  });

  it('accepts the Origin a local dev proxy forwards (vite dev: X-Forwarded-Host)', async () => {
    const { cookie } = await browserLogin();
    const headers = { ...SESSION, origin: 'http://localhost:5173', 'x-forwarded-host': 'localhost:5173' };
    expect((await post('/api/auth/refresh', { headers, cookie })).status).toBe(200);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['a mini-program on a same-site subdomain', 'http://wx1234.apps.localhost:3001'],
    ['an opaque origin', 'null'],
  ])('refuses a cookie sent from %s', async (_what, origin) => {
    const { cookie } = await browserLogin();
    const res = await post('/api/auth/refresh', { headers: { ...SESSION, origin }, cookie });
    expect(res.status).toBe(403);
    expect(error(res).code).toBe('csrf_rejected');
  });

  it('says 401 unauthenticated when there is neither a cookie nor a body token', async () => {
    const res = await post('/api/auth/refresh', { headers: SESSION });
    expect(res.status).toBe(401);
    expect(error(res).code).toBe('unauthenticated');
  });
});

describe('logout through the cookie', () => {
  it('revokes the cookie session, keeps the others and clears both cookies', async () => {
    const { user, cookie, accessToken } = await browserLogin();
    const res = await post('/api/auth/logout', { headers: SESSION, cookie, token: accessToken });
    expect(res.status).toBe(204);
    expect(res.cookies.map((c) => c.attributes.path).sort()).toEqual(['/api/auth/logout', '/api/auth/refresh']);
    for (const cleared of res.cookies) {
      expect(cleared.value).toBe('');
      expect(new Date(String(cleared.attributes.expires)).getTime()).toBeLessThan(Date.now());
    }
    expect((await post('/api/auth/refresh', { headers: SESSION, cookie })).status).toBe(401);
    // The body-token session of the same person (another device) lives on.
    const other = await post('/api/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(other.status).toBe(200);
  });

  it('refuses a cookie logout without the header, and the session lives on', async () => {
    const { cookie, accessToken } = await browserLogin();
    const res = await post('/api/auth/logout', { cookie, token: accessToken });
    expect(res.status).toBe(403);
    expect(error(res).code).toBe('csrf_rejected');
    expect((await post('/api/auth/refresh', { headers: SESSION, cookie })).status).toBe(200);
  });
});

describe('clients that carry the refresh token in JSON', () => {
  it('get it in JSON and no cookie, from login, register and refresh', async () => {
    const user = await buildUser(server.url);
    const login = await post('/api/auth/login', { body: { username: user.user.username, password: user.password } });
    const { refreshToken } = withToken(login);
    expect(login.cookies).toEqual([]);
    const refreshed = await post('/api/auth/refresh', { body: { refreshToken } });
    expect(refreshed.status).toBe(200);
    const next = withToken(refreshed);
    expect(next.refreshToken).not.toBe(refreshToken);
    expect(refreshed.cookies).toEqual([]);
    const out = await post('/api/auth/logout', {
      token: next.accessToken,
      body: { refreshToken: next.refreshToken },
    });
    expect(out.status).toBe(204);
    expect(out.cookies).toEqual([]);
  });

  it('win over a cookie: the body token is spent, the cookie session is untouched and no CSRF check applies', async () => {
    const body = await buildUser(server.url);
    const { cookie } = await browserLogin();
    const res = await post('/api/auth/refresh', { body: { refreshToken: body.refreshToken }, cookie });
    expect(res.status).toBe(200);
    expect(withToken(res).user.id).toBe(body.user.id);
    expect((await post('/api/auth/refresh', { headers: SESSION, cookie })).status).toBe(200);
  });
});
