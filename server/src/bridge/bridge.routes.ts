import {
  ConsentDecisionSchema,
  ConsentParamsSchema,
  LoginCodeRequestSchema,
  SubscriptionDecisionSchema,
} from '@app/shared';
import { Router } from 'express';
import { authOf } from '../auth/auth.middleware';
import { input, validate } from '../platform/http/validate';
import type { BridgeService } from './bridge.service';

/** What the host app calls for the bridge: login codes and consents (Me → Mini-program permissions). */
export function bridgeRouter(service: BridgeService): Router {
  const router = Router();
  router.post('/bridge/login-code', validate(LoginCodeRequestSchema), async (_req, res) => {
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
