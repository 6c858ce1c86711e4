import { z } from 'zod';
import { AppIdSchema, ScopeSchema } from '../miniapps/miniapps.schemas';

/** The host's side of mini-program identity: login codes for `auth.login`, and the person's scope consents. */

/** A login code lives 5 minutes and works once, for one app and one user. */
export const LOGIN_CODE_TTL_SECONDS = 5 * 60;

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
