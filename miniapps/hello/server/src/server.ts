import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { drizzleSessionStore, drizzleWebhookEvents, openAppDatabase, type AppDatabase } from '@app/miniapp-sdk/db';
import {
  allowOrigin,
  createAppSessions,
  HttpError,
  jsonErrors,
  listen,
  OpenApiClient,
  openIdOf,
  parseInput,
  requireSession,
  webhookReceiver,
} from '@app/miniapp-sdk/server';
import express from 'express';
import { z } from 'zod';
import {
  CreateHelloOrderSchema,
  HELLO_TEMPLATE_ID,
  SessionRequestSchema,
  type SessionResponse,
} from '../../common/api';
import { applyOrderEvent, helloOrders, presentOrder, type StoredOrder } from './hello.orders';
import * as tables from './hello.tables';

export const HELLO_MIGRATIONS = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface HelloServerOptions {
  /** The platform's base URL, e.g. `http://127.0.0.1:3000` (the Open API lives under `/openapi/v1`). */
  platformUrl: string;
  appId: string;
  appSecret: string;
  /** 0 picks a free port. */
  port: number;
  /** The one browser origin allowed to call this backend: the app's own `http://<appId>.apps.localhost:<port>`. */
  allowedOrigin: string;
  host?: string;
  /** Hello's own database: Postgres (its tables in the schema `app_hello`) or PGlite under `dataDir`. */
  database: { databaseUrl?: string; dataDir?: string };
  /** One line per notable event (defaults to stdout). */
  log?: (line: string) => void;
}

export interface HelloServer {
  url: string;
  database: AppDatabase<typeof tables>;
  /** Hello's orders as its database has them (for tests and tools). */
  order(orderId: string): Promise<StoredOrder | undefined>;
  close(): Promise<void>;
}

const OrderParamsSchema = z.object({ id: z.string().regex(/^ord_[A-Za-z0-9]{20,32}$/) });

/**
 * Hello's backend on the SDK's server kit: sessions from login codes, orders, refunds and service messages through
 * the platform's Open API, the webhook receiver that alone marks an order paid or refunded — and all of it kept in
 * Hello's own database, so a restart forgets nothing.
 *
 * @example
 * const hello = await startHelloServer({ platformUrl, appId, appSecret, port: 3101, allowedOrigin,
 *   database: { dataDir: 'data/apps/hello' } });
 * console.log(hello.url); // http://127.0.0.1:3101
 * await hello.close();
 */
export async function startHelloServer(options: HelloServerOptions): Promise<HelloServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`[hello] ${line}\n`));
  const database = await openAppDatabase({
    name: 'hello',
    migrationsFolder: HELLO_MIGRATIONS,
    tables,
    ...options.database,
  });
  const { db } = database;
  const platform = new OpenApiClient(options);
  const sessions = createAppSessions({ openApi: platform, store: drizzleSessionStore(db, tables.sessions) });
  const orders = helloOrders(db);
  const signedIn = requireSession(sessions);

  const ownOrder = async (res: express.Response, id: unknown): Promise<StoredOrder> => {
    const parsed = OrderParamsSchema.safeParse({ id });
    const order = parsed.success ? await orders.find(parsed.data.id) : undefined;
    // Another person's order does not exist for you.
    if (!order || order.openId !== openIdOf(res)) throw new HttpError(404, 'not_found', 'No such order');
    return order;
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(allowOrigin(options.allowedOrigin));
  app.get('/api/health', (_req, res) => void res.json({ ok: true, appId: options.appId }));
  // Before the JSON parser: the receiver verifies the signature over the raw body.
  app.post(
    '/webhooks',
    webhookReceiver({
      appId: options.appId,
      secret: options.appSecret,
      store: drizzleWebhookEvents(db, tables.webhookEvents),
      handle: async (event, tx) => {
        const known = await applyOrderEvent(tx, event);
        log(`webhook ${event.id} ${event.type} → ${known ? event.data.order.orderId : 'unknown order'}`);
      },
      onDelivery: ({ eventId, type, result, reason }) => {
        if (result === 'duplicate') log(`webhook ${eventId} (${type}) again: already applied`);
        if (result === 'rejected') log(`webhook rejected: ${reason}`);
      },
    }),
  );
  app.use(express.json({ limit: '64kb' }));

  app.post('/api/session', async (req, res) => {
    const { code } = parseInput(SessionRequestSchema, req.body);
    const session = await sessions.login(code);
    const body: SessionResponse = {
      token: session.token,
      openId: session.openId,
      expiresAt: session.expiresAt.toISOString(),
    };
    res.json(body);
  });

  app.post('/api/orders', signedIn, async (req, res) => {
    const openId = openIdOf(res);
    const { amountFen } = parseInput(CreateHelloOrderSchema, req.body);
    const outTradeNo = `hello_${randomBytes(12).toString('hex')}`;
    const description = `Hello tip ¥${(amountFen / 100).toFixed(2)}`;
    // The platform first: its orderId is our key. Should the insert then fail, the page never learns the orderId,
    // so nobody can pay that order and it expires unpaid.
    const created = await platform.createOrder({ outTradeNo, openId, amount: amountFen, description });
    const order = await orders.create({ orderId: created.orderId, outTradeNo, openId, amountFen });
    log(`order ${order.orderId} created (${amountFen} fen)`);
    res.status(201).json({ order: presentOrder(order) });
  });

  app.get('/api/orders/:id', signedIn, async (req, res) => {
    res.json({ order: presentOrder(await ownOrder(res, req.params.id)) });
  });

  app.post('/api/orders/:id/refund', signedIn, async (req, res) => {
    const order = await ownOrder(res, req.params.id);
    if (order.status !== 'paid' || order.refundedFen >= order.amountFen)
      throw new HttpError(409, 'wrong_state', `Only paid orders can be refunded (this one is ${order.status})`);
    // One refund per order, named after it: a retried or concurrent request is the same refund, never a second one.
    await platform.refund(order.orderId, {
      outRefundNo: `r_${order.outTradeNo}`.slice(0, 64),
      amount: order.amountFen - order.refundedFen,
      reason: 'Refund from the Hello demo',
    });
    const updated = await orders.markRefundRequested(order.orderId);
    log(`refund requested for ${order.orderId}`);
    res.json({ order: presentOrder(updated ?? order) });
  });

  app.post('/api/notify', signedIn, async (_req, res) => {
    const sent = await platform.sendSubscribeMessage({
      openId: openIdOf(res),
      templateId: HELLO_TEMPLATE_ID,
      data: {
        Message: 'Hello from the Hello mini-program 你好',
        Time: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      },
      page: '/notify',
    });
    res.json(sent);
  });

  app.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'No such route')));
  app.use(jsonErrors(log));

  let listening;
  try {
    listening = await listen(app, { port: options.port, host: options.host });
  } catch (err) {
    await database.close();
    throw err;
  }
  const { url, close } = listening;
  return {
    url,
    database,
    order: (orderId) => orders.find(orderId),
    close: async () => {
      await close();
      await database.close();
    },
  };
}
