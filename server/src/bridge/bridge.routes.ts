import {
  ConsentDecisionSchema,
  ConsentParamsSchema,
  LoginCodeRequestSchema,
  SubscriptionDecisionSchema,
} from '@app/shared';
import { Router, type RequestHandler } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { authOf } from '../auth/auth.middleware';
import { AppError } from '../platform/errors';
import { input, validate } from '../platform/http/validate';
import { tryConsume } from '../platform/rate-limit';
import type { BridgeService } from './bridge.service';

/** What the host app calls for the bridge: login codes and consents (Me → Mini-program permissions). */
export function bridgeRouter(service: BridgeService, loginCodes: RateLimiterAbstract): Router {
  const router = Router();
  // A mini-program calling auth.login in a loop must not mint codes without end (DESIGN §9: rate limits on codes).
  const limitCodes: RequestHandler = async (_req, res, next) => {
    const allowed = await tryConsume(loginCodes, authOf(res).userId);
    next(allowed ? undefined : new AppError('rate_limited', 'Too many login codes; try again in a minute'));
  };
  router.post('/bridge/login-code', limitCodes, validate(LoginCodeRequestSchema), async (_req, res) => {
    res.json(await service.loginCode(authOf(res).userId, input(res, LoginCodeRequestSchema).appId));
  });
  router.post('/bridge/subscriptions', validate(SubscriptionDecisionSchema), async (_req, res) => {
    await service.subscribe(authOf(res).userId, input(res, SubscriptionDecisionSchema));
    res.status(204).end();
  });
  router.get('/me/consents', async (_req, res) => {
    res.json({ consents: await service.consentsOf(authOf(res).userId) });
  });
  router.put('/me/consents', validate(ConsentDecisionSchema), async (_req, res) => {
    await service.decide(authOf(res).userId, input(res, ConsentDecisionSchema));
    res.status(204).end();
  });
  router.delete('/me/consents/:appId/:scope', validate(ConsentParamsSchema, 'params'), async (_req, res) => {
    const { appId, scope } = input(res, ConsentParamsSchema, 'params');
    await service.revoke(authOf(res).userId, appId, scope);
    res.status(204).end();
  });
  return router;
}
