import type { RequestHandler, Response } from 'express';
import { AppError } from '../platform/errors';
import { bearerToken, type AccessClaims, type AccessTokens } from './auth.tokens';

/** Rejects requests without a valid access token; stores the claims for `authOf(res)`. */
export function requireAuth(tokens: AccessTokens): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) {
      next(new AppError('unauthenticated', 'Log in first (Authorization: Bearer <accessToken>)'));
      return;
    }
    try {
      res.locals.auth = tokens.verify(token);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Only admins pass; use after requireAuth. */
export const requireAdmin: RequestHandler = (_req, res, next) => {
  next(authOf(res).role === 'admin' ? undefined : new AppError('forbidden', 'Admins only'));
};

export function authOf(res: Response): AccessClaims {
  const auth = res.locals.auth as AccessClaims | undefined;
  if (!auth) throw new AppError('unauthenticated', 'Log in first');
  return auth;
}
