import { LoginSchema, LogoutSchema, RefreshSchema, RegisterSchema } from '@app/shared';
import { Router } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import { tryConsume } from '../platform/rate-limit';
import { authOf, requireAuth } from './auth.middleware';
import type { AuthService } from './auth.service';
import type { AccessTokens } from './auth.tokens';

export interface AuthRouterDeps {
  service: AuthService;
  tokens: AccessTokens;
  registrations: RateLimiterAbstract;
}

export function authRouter({ service, tokens, registrations }: AuthRouterDeps): Router {
  const router = Router();

  router.post('/register', validate(RegisterSchema), async (req, res) => {
    if (!(await tryConsume(registrations, req.ip ?? 'unknown'))) {
      throw new AppError('rate_limited', 'Too many new accounts from this address; try again later');
    }
    res.status(201).json(await service.register(input(res, RegisterSchema)));
  });

  router.post('/login', validate(LoginSchema), async (req, res) => {
    res.json(await service.login(input(res, LoginSchema), req.ip ?? 'unknown'));
  });

  router.post('/refresh', validate(RefreshSchema), async (_req, res) => {
    res.json(await service.refresh(input(res, RefreshSchema).refreshToken));
  });

  router.post('/logout', requireAuth(tokens), validate(LogoutSchema), async (_req, res) => {
    await service.logout(authOf(res).userId, input(res, LogoutSchema).refreshToken);
    res.status(204).end();
  });

  return router;
}
