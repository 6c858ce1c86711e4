import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '@app/shared/openapi';

/** Two hours, as long as an app token: the page logs in again after that. */
export const DEFAULT_SESSION_TTL_SECONDS = 2 * 60 * 60;
/** Expired sessions are deleted at most this often, on a login. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** One session as the app's store keeps it: the token's SHA-256, never the token. */
export interface StoredSession {
  tokenHash: string;
  openId: string;
  expiresAt: Date;
}

/**
 * Where sessions live: the app's own database (`drizzleSessionStore` from `@app/miniapp-sdk/db`), or whatever
 * the app implements.
 */
export interface SessionStore {
  insert(session: StoredSession): Promise<void>;
  find(tokenHash: string): Promise<StoredSession | undefined>;
  /** Deletes sessions that expired before `now`; answers how many. */
  deleteExpired(now: Date): Promise<number>;
}

export interface AppSession {
  /** Give this to the page; it sends it back as `Authorization: Bearer <token>`. */
  token: string;
  openId: string;
  expiresAt: Date;
}

export interface AppSessionsOptions {
  /** Anything with `code2session`: the `OpenApiClient`. */
  openApi: { code2session(code: string): Promise<Session> };
  store: SessionStore;
  ttlSeconds?: number;
  /** For tests. */
  now?: () => number;
}

export interface AppSessions {
  /** Trades a login code for a new session (the platform checks the code; it works once). */
  login(code: string): Promise<AppSession>;
  /** The session behind a token, if it is known and current. */
  lookup(token: string): Promise<Omit<AppSession, 'token'> | undefined>;
}

/**
 * SHA-256, hex: what the store keeps instead of the token. Tokens are 256 random bits, so a plain hash is enough and
 * a leaked table yields no usable token.
 *
 * @example
 * const row = await store.find(hashSessionToken(token));
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * App sessions on top of code2session: the page sends the code from `auth.login`, the backend answers a random
 * session token (stored only as its hash, with an expiry) and from then on knows the person by that token — never by
 * an openId the page sends.
 *
 * @example
 * import { createAppSessions, OpenApiClient } from '@app/miniapp-sdk/server';
 * import { drizzleSessionStore } from '@app/miniapp-sdk/db';
 *
 * const sessions = createAppSessions({ openApi, store: drizzleSessionStore(database.db, tables.sessions) });
 * app.post('/api/session', async (req, res) => {
 *   const { token, openId, expiresAt } = await sessions.login(req.body.code);
 *   res.json({ token, openId, expiresAt: expiresAt.toISOString() });
 * });
 */
export function createAppSessions(options: AppSessionsOptions): AppSessions {
  const now = options.now ?? Date.now;
  const ttlMs = (options.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS) * 1000;
  let lastSweep = now();
  return {
    async login(code) {
      const { openId } = await options.openApi.code2session(code);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now() + ttlMs);
      await options.store.insert({ tokenHash: hashSessionToken(token), openId, expiresAt });
      if (now() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now();
        await options.store.deleteExpired(new Date(lastSweep)).catch(() => undefined); // tidying, not correctness
      }
      return { token, openId, expiresAt };
    },
    async lookup(token) {
      if (!token || token.length > 256) return undefined;
      const session = await options.store.find(hashSessionToken(token));
      if (!session || session.expiresAt.getTime() <= now()) return undefined;
      return { openId: session.openId, expiresAt: session.expiresAt };
    },
  };
}
