import { z } from 'zod';
import { AppIdSchema, ScopeSchema } from '../miniapps/miniapps.schemas';

/** App access tokens (server to server): HS256, issuer pinned, audience `openapi`, 2 hours. */
export const APP_TOKEN = { issuer: 'superapp', audience: 'openapi', ttlSeconds: 2 * 60 * 60 } as const;
/** A login code lives 5 minutes and works once, for one app and one user. */
export const LOGIN_CODE_TTL_SECONDS = 5 * 60;

export const AppTokenRequestSchema = z.object({ appId: AppIdSchema, appSecret: z.string().min(20).max(200) }).strict();
export type AppTokenRequest = z.infer<typeof AppTokenRequestSchema>;
export const AppTokenSchema = z.object({ accessToken: z.string(), expiresIn: z.number().int() });
export type AppToken = z.infer<typeof AppTokenSchema>;

export const Code2SessionRequestSchema = z.object({ code: z.string().min(16).max(100) }).strict();
export const SessionSchema = z.object({
  /** Pseudonymous and per app: two apps see two different ids for one person. */
  openId: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

/** Host → platform: a code for the mini-program the user is looking at (bridge `auth.login`). */
export const LoginCodeRequestSchema = z.object({ appId: AppIdSchema }).strict();
export const LoginCodeSchema = z.object({ code: z.string(), expiresIn: z.number().int() });

export const ConsentSchema = z.object({
  appId: AppIdSchema,
  appName: z.string(),
  scope: ScopeSchema,
  granted: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export type Consent = z.infer<typeof ConsentSchema>;
export const ConsentListSchema = z.object({ consents: z.array(ConsentSchema) });
export const ConsentDecisionSchema = z
  .object({ appId: AppIdSchema, scope: ScopeSchema, granted: z.boolean() })
  .strict();
export type ConsentDecision = z.infer<typeof ConsentDecisionSchema>;
export const ConsentParamsSchema = z.object({ appId: AppIdSchema, scope: ScopeSchema });
