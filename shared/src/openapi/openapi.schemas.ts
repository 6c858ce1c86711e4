import { z } from 'zod';
import { opaqueToken } from '../input/text';
import { AppIdSchema } from '../miniapps/app-id';

/**
 * The Open API's own calls (a mini-program's backend → the platform): app tokens and code2session. Exported to third
 * parties as `@app/shared/openapi`.
 */

/** App access tokens (server to server): HS256, issuer pinned, audience `openapi`, 2 hours. */
export const APP_TOKEN = { issuer: 'superapp', audience: 'openapi', ttlSeconds: 2 * 60 * 60 } as const;

export const AppTokenRequestSchema = z.object({ appId: AppIdSchema, appSecret: opaqueToken(20, 200) }).strict();
export type AppTokenRequest = z.infer<typeof AppTokenRequestSchema>;
export const AppTokenSchema = z.object({ accessToken: z.string(), expiresIn: z.number().int() });
export type AppToken = z.infer<typeof AppTokenSchema>;

export const Code2SessionRequestSchema = z.object({ code: opaqueToken(16, 100) }).strict();
export const SessionSchema = z.object({
  /** Pseudonymous and per app: two apps see two different ids for one person. */
  openId: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;
