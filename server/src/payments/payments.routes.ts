import {
  AgreementParamsSchema,
  AppParamsSchema,
  CreateDebitSchema,
  CreateOrderSchema,
  CreateRefundSchema,
  MerchantQuerySchema,
  OrderParamsSchema,
  PayOrderSchema,
  SignAgreementSchema,
  type CashierOrder,
  type CreatedOrder,
} from '@app/shared';
import { Router, type Response } from 'express';
import { authOf } from '../auth/auth.middleware';
import { appOf } from '../openapi/openapi.routes';
import { input, validate } from '../platform/http/validate';
import type { Db } from '../schema';
import { idempotent } from '../wallet/wallet.idempotency';
import type { PaymentsService } from './payments.service';

const orderId = (res: Response) => input(res, OrderParamsSchema, 'params').orderId;
const agreementId = (res: Response) => input(res, AgreementParamsSchema, 'params').agreementId;

/** Host API (`/api/payments/...`, user token) and developer portal (`/api/dev/apps/:appId/...`); behind requireAuth. */
export function paymentsRouter(payments: PaymentsService, db: Db): Router {
  const router = Router();
  router.get('/payments/orders/:orderId', validate(OrderParamsSchema, 'params'), async (_req, res) => {
    res.json({ order: await payments.orders.cashier(authOf(res).userId, orderId(res)) });
  });
  router.post(
    '/payments/orders/:orderId/pay',
    idempotent(db, { body: (order: CashierOrder) => ({ order }) }),
    validate(OrderParamsSchema, 'params'),
    validate(PayOrderSchema),
    async (_req, res) => {
      const pin = input(res, PayOrderSchema).pin;
      res.json({ order: await payments.orders.pay(authOf(res).userId, orderId(res), pin) });
    },
  );
  router.post(
    '/payments/agreements',
    idempotent(db, { status: 201 }),
    validate(SignAgreementSchema),
    async (_req, res) => {
      res.status(201).json(await payments.debits.sign(authOf(res).userId, input(res, SignAgreementSchema)));
    },
  );
  router.get('/payments/agreements', async (_req, res) => {
    res.json({ agreements: await payments.debits.mine(authOf(res).userId) });
  });
  router.delete('/payments/agreements/:agreementId', validate(AgreementParamsSchema, 'params'), async (_req, res) => {
    await payments.debits.cancel(authOf(res).userId, agreementId(res));
    res.status(204).end();
  });

  router.get(
    '/dev/apps/:appId/merchant',
    validate(AppParamsSchema, 'params'),
    validate(MerchantQuerySchema, 'query'),
    async (_req, res) => {
      const { cursor, limit } = input(res, MerchantQuerySchema, 'query');
      const appId = input(res, AppParamsSchema, 'params').appId;
      res.json(await payments.merchant(authOf(res).userId, appId, cursor, limit));
    },
  );
  router.get('/dev/apps/:appId/webhooks', validate(AppParamsSchema, 'params'), async (_req, res) => {
    const appId = input(res, AppParamsSchema, 'params').appId;
    res.json({ deliveries: await payments.deliveries(authOf(res).userId, appId) });
  });
  return router;
}

/** Open API (`/openapi/v1/payments/...`, app token): mounted by openApiRouter after requireApp and the rate limit. */
export function paymentsOpenApiRouter(payments: PaymentsService): Router {
  const router = Router();
  router.post('/payments/orders', validate(CreateOrderSchema), async (_req, res) => {
    const { created, order } = await payments.orders.create(appOf(res), input(res, CreateOrderSchema));
    const body: CreatedOrder = { orderId: order.id, expiresAt: order.expiresAt.toISOString() };
    res.status(created ? 201 : 200).json(body);
  });
  router.get('/payments/orders/:orderId', validate(OrderParamsSchema, 'params'), async (_req, res) => {
    res.json(await payments.orders.get(appOf(res), orderId(res)));
  });
  router.post('/payments/orders/:orderId/close', validate(OrderParamsSchema, 'params'), async (_req, res) => {
    res.json(await payments.orders.close(appOf(res), orderId(res)));
  });
  router.post(
    '/payments/orders/:orderId/refunds',
    validate(OrderParamsSchema, 'params'),
    validate(CreateRefundSchema),
    async (_req, res) => {
      const { created, refund } = await payments.orders.refund(
        appOf(res),
        orderId(res),
        input(res, CreateRefundSchema),
      );
      res.status(created ? 201 : 200).json(refund);
    },
  );
  router.get('/payments/agreements/:agreementId', validate(AgreementParamsSchema, 'params'), async (_req, res) => {
    res.json(await payments.debits.get(appOf(res), agreementId(res)));
  });
  router.post('/payments/debits', validate(CreateDebitSchema), async (_req, res) => {
    const { created, order } = await payments.debits.debit(appOf(res), input(res, CreateDebitSchema));
    res.status(created ? 201 : 200).json(order);
  });
  return router;
}
