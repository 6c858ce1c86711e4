import { CreateTransferSchema, IdParamSchema } from '@app/shared';
import { Router } from 'express';
import { authOf } from '../auth/auth.middleware';
import { input, validate } from '../platform/http/validate';
import type { Db } from '../schema';
import { idempotent } from '../wallet/wallet.idempotency';
import type { TransfersService } from './transfers.service';

/** `/api/transfers`; mount behind requireAuth. */
export function transfersRouter(service: TransfersService, db: Db): Router {
  const router = Router();
  router.post('/transfers', idempotent(db, { status: 201 }), validate(CreateTransferSchema), async (_req, res) => {
    res.status(201).json(await service.create(authOf(res).userId, input(res, CreateTransferSchema)));
  });
  router.get('/transfers/:id', validate(IdParamSchema, 'params'), async (_req, res) => {
    res.json({ transfer: await service.get(authOf(res).userId, input(res, IdParamSchema, 'params').id) });
  });
  router.post('/transfers/:id/accept', validate(IdParamSchema, 'params'), async (_req, res) => {
    res.json({ transfer: await service.accept(authOf(res).userId, input(res, IdParamSchema, 'params').id) });
  });
  router.post('/transfers/:id/decline', validate(IdParamSchema, 'params'), async (_req, res) => {
    res.json({ transfer: await service.decline(authOf(res).userId, input(res, IdParamSchema, 'params').id) });
  });
  return router;
}
