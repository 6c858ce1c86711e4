import { CreateRedPacketSchema, IdParamSchema } from '@app/shared';
import { Router } from 'express';
import { authOf } from '../auth/auth.middleware';
import { input, validate } from '../platform/http/validate';
import type { Db } from '../schema';
import { idempotent } from '../wallet/wallet.idempotency';
import type { RedPacketsService } from './redpackets.service';

/** `/api/redpackets`; mount behind requireAuth. */
export function redPacketsRouter(service: RedPacketsService, db: Db): Router {
  const router = Router();
  router.post('/redpackets', idempotent(db, { status: 201 }), validate(CreateRedPacketSchema), async (_req, res) => {
    res.status(201).json(await service.create(authOf(res).userId, input(res, CreateRedPacketSchema)));
  });
  router.post('/redpackets/:id/claim', validate(IdParamSchema, 'params'), async (_req, res) => {
    res.json(await service.claim(authOf(res).userId, input(res, IdParamSchema, 'params').id));
  });
  router.get('/redpackets/:id', validate(IdParamSchema, 'params'), async (_req, res) => {
    res.json(await service.detail(authOf(res).userId, input(res, IdParamSchema, 'params').id));
  });
  return router;
}
