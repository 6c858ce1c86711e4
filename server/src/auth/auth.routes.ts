import { LoginSchema, LogoutSchema, RefreshSchema, RegisterSchema, type AuthResponse } from '@app/shared';
import { Router, type Request, type Response } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import { tryConsume } from '../platform/rate-limit';
import type { SessionCookie } from './auth.cookie';
import { authOf, requireAuth } from './auth.middleware';
import type { AuthService } from './auth.service';
import type { AccessTokens } from './auth.tokens';

export interface AuthRouterDeps {
  service: AuthService;
  tokens: AccessTokens;
  registrations: RateLimiterAbstract;
  cookie: SessionCookie;
}

/**
 * Two kinds of clients (ADR 0008): native and third-party ones send and receive the refresh token in JSON; browsers
 * send `X-Session: cookie` and the refresh token lives only in the HttpOnly cookie. A token in the body always wins.
 */
export function authRouter({ service, tokens, registrations, cookie }: AuthRouterDeps): Router {
  const router = Router();

  /** Answers with the session: the refresh token in the cookie for cookie clients, in JSON for everyone else. */
  function sendSession(req: Request, res: Response, auth: AuthResponse): void {
    if (!cookie.wanted(req)) {
      res.json(auth);
      return;
    }
    const { refreshToken, ...rest } = auth;
    cookie.set(req, res, refreshToken);
    res.json(rest);
  }

  router.post('/register', validate(RegisterSchema), async (req, res) => {
    if (!(await tryConsume(registrations, req.ip ?? 'unknown'))) {
      throw new AppError('rate_limited', 'Too many new accounts from this address; try again later');
    }
    sendSession(req, res.status(201), await service.register(input(res, RegisterSchema)));
  });

  router.post('/login', validate(LoginSchema), async (req, res) => {
    sendSession(req, res, await service.login(input(res, LoginSchema), req.ip ?? 'unknown'));
  });

  router.post('/refresh', validate(RefreshSchema), async (req, res) => {
    const fromBody = input(res, RefreshSchema).refreshToken;
    if (fromBody) {
      res.json(await service.refresh(fromBody));
      return;
    }
    const fromCookie = cookie.read(req);
    if (!fromCookie) throw new AppError('unauthenticated', 'No session; send refreshToken or log in');
    const auth = await service.refresh(fromCookie).catch((err: unknown) => {
      // A refused cookie is dead for good: drop it so the browser stops presenting it (not on a server fault).
      if (err instanceof AppError && err.status < 500) cookie.clear(req, res);
      throw err;
    });
    sendSession(req, res, auth);
  });

  router.post('/logout', requireAuth(tokens), validate(LogoutSchema), async (req, res) => {
    const fromBody = input(res, LogoutSchema).refreshToken;
    const fromCookie = fromBody ? undefined : cookie.read(req);
    // Neither: every session of the user ends (what a body client without its token asks for).
    await service.logout(authOf(res).userId, fromBody ?? fromCookie);
    if (fromCookie || (!fromBody && cookie.wanted(req))) cookie.clear(req, res);
    res.status(204).end();
  });

  return router;
}
