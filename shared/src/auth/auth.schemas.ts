import { z } from 'zod';
import { exactText, opaqueToken, userText } from '../input/text';
import { DisplayNameSchema, MeSchema } from '../users/users.schemas';

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Username is at least 3 characters')
  .max(32, 'Username is at most 32 characters')
  .regex(/^[a-z0-9_]+$/, 'Username may contain only letters, digits and _');

export const PasswordSchema = exactText({
  min: 8,
  max: 128,
  tooShort: 'Password is at least 8 characters',
  tooLong: 'Password is at most 128 characters',
});

export const RegisterSchema = z
  .object({
    username: UsernameSchema,
    password: PasswordSchema,
    displayName: DisplayNameSchema,
    inviteCode: userText({ min: 1, max: 64 }).optional(),
  })
  .strict();
export type Register = z.infer<typeof RegisterSchema>;

export const LoginSchema = z
  .object({
    username: userText({ min: 1, max: 32, tooShort: 'Username is required' }).toLowerCase(),
    password: exactText({ min: 1, max: 128, tooShort: 'Password is required' }),
  })
  .strict();
export type Login = z.infer<typeof LoginSchema>;

/** The refresh token in the body (native and third-party clients); without it, the session cookie (ADR 0008). */
export const RefreshSchema = z.object({ refreshToken: opaqueToken(20, 200).optional() }).strict();
export type Refresh = z.infer<typeof RefreshSchema>;

export const LogoutSchema = z.object({ refreshToken: opaqueToken(20, 200).optional() }).strict();
export type Logout = z.infer<typeof LogoutSchema>;

export const TokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

export const AuthResponseSchema = TokenPairSchema.extend({ user: MeSchema });
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

/** What a cookie-session client gets: the refresh token travels only in the HttpOnly cookie, never in JSON. */
export const CookieAuthResponseSchema = AuthResponseSchema.omit({ refreshToken: true });
export type CookieAuthResponse = z.infer<typeof CookieAuthResponseSchema>;

/**
 * The request header of browser clients that keep the refresh token in the HttpOnly session cookie (ADR 0008). On
 * login, register and refresh it asks for the cookie instead of a JSON refresh token; on refresh and logout it is
 * also the CSRF proof — a cross-site form cannot send it, and a cross-origin fetch with it needs a CORS preflight
 * the server never grants.
 */
export const SESSION_HEADER = { name: 'X-Session', value: 'cookie' } as const;

/** Claims of the platform's access token (HS256, issuer and audience pinned). */
export const ACCESS_TOKEN = {
  issuer: 'superapp',
  audience: 'superapp:api',
  algorithm: 'HS256',
  ttlSeconds: 15 * 60,
} as const;

export const REFRESH_TOKEN_TTL_DAYS = 30;
