import { SetPinSchema, StatementQuerySchema, TopupSchema } from '@app/shared';
import { Router } from 'express';
import { authOf, requireAdmin } from '../auth/auth.middleware';
import { input, validate } from '../platform/http/validate';
import type { Db } from '../schema';
import { idempotent } from './wallet.idempotency';
import type { WalletService } from './wallet.service';

/** `/api/wallet` and the admin ledger check; mount behind requireAuth. */
export function walletRouter(wallet: WalletService, db: Db): Router {
  const router = Router();

  router.get('/wallet', async (_req, res) => {
    res.json(await wallet.wallet(authOf(res).userId));
  });
  router.put('/wallet/pin', validate(SetPinSchema), async (_req, res) => {
    await wallet.pins.set(authOf(res).userId, input(res, SetPinSchema));
    res.status(204).end();
  });
  router.post('/wallet/topups', idempotent(db, { status: 201 }), validate(TopupSchema), async (_req, res) => {
    res.status(201).json(await wallet.topup(authOf(res).userId, input(res, TopupSchema).amountFen));
  });
  router.get('/wallet/statement', validate(StatementQuerySchema, 'query'), async (_req, res) => {
    const { cursor, limit } = input(res, StatementQuerySchema, 'query');
    res.json(await wallet.statement(authOf(res).userId, cursor, limit));
  });
  router.get('/admin/ledger/check', requireAdmin, async (_req, res) => {
    res.json(await wallet.ledgerCheck());
  });
  return router;
}
