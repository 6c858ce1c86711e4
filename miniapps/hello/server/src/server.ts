import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WebhookVerificationError } from '@app/miniapp-sdk/webhook';
import { z } from 'zod';
import {
  CreateHelloOrderSchema,
  HELLO_TEMPLATE_ID,
  SessionRequestSchema,
  type SessionResponse,
} from '../../common/api';
import { cors, HttpError, readJson, readRawBody, sendJson } from './http';
import { OpenApiClient, OpenApiError } from './openapi-client';
import { HelloStore, presentOrder, type StoredOrder } from './store';

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
  /** One line per notable event (defaults to stdout). */
  log?: (line: string) => void;
}

export interface HelloServer {
  url: string;
  store: HelloStore;
  close(): Promise<void>;
}

const OrderPathSchema = z.string().regex(/^ord_[A-Za-z0-9]{20,32}$/);

/**
 * Hello's backend: sessions from login codes, orders, refunds, service messages — all through the platform's Open
 * API over HTTP — and the webhook receiver that is the only thing that marks an order paid or refunded.
 *
 * @example
 * const hello = await startHelloServer({ platformUrl, appId, appSecret, port: 3101, allowedOrigin });
 * console.log(hello.url); // http://127.0.0.1:3101
 * await hello.close();
 */
export async function startHelloServer(options: HelloServerOptions): Promise<HelloServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`[hello] ${line}\n`));
  const platform = new OpenApiClient(options);
  const store = new HelloStore();

  const sessionOf = (req: IncomingMessage): string => {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const openId = match ? store.session(match[1]!) : undefined;
    if (!openId) throw new HttpError(401, 'unauthenticated', 'Log in first: POST /api/session {code}');
    return openId;
  };
  const ownOrder = (req: IncomingMessage, id: string): StoredOrder => {
    const openId = sessionOf(req);
    const order = OrderPathSchema.safeParse(id).success ? store.order(id) : undefined;
    // Another person's order does not exist for you.
    if (!order || order.openId !== openId) throw new HttpError(404, 'not_found', 'No such order');
    return order;
  };

  const routes: Array<[string, RegExp, (req: IncomingMessage, res: ServerResponse, id: string) => Promise<void>]> = [
    ['GET', /^\/api\/health$/, async (_req, res) => sendJson(res, 200, { ok: true, appId: options.appId })],
    [
      'POST',
      /^\/api\/session$/,
      async (req, res) => {
        const { code } = await readJson(req, SessionRequestSchema);
        const { openId } = await platform.code2session(code);
        const session = store.createSession(openId);
        sendJson(res, 200, {
          token: session.token,
          openId,
          expiresAt: session.expiresAt.toISOString(),
        } satisfies SessionResponse);
      },
    ],
    [
      'POST',
      /^\/api\/orders$/,
      async (req, res) => {
        const openId = sessionOf(req);
        const { amountFen } = await readJson(req, CreateHelloOrderSchema);
        const outTradeNo = `hello_${randomBytes(12).toString('hex')}`;
        const description = `Hello tip ¥${(amountFen / 100).toFixed(2)}`;
        const created = await platform.createOrder({ outTradeNo, openId, amount: amountFen, description });
        const order: StoredOrder = {
          orderId: created.orderId,
          outTradeNo,
          openId,
          amountFen,
          refundedFen: 0,
          status: 'pending',
          refundRequested: false,
          createdAt: new Date().toISOString(),
          paidAt: null,
          events: [],
        };
        store.addOrder(order);
        log(`order ${order.orderId} created (${amountFen} fen)`);
        sendJson(res, 201, { order: presentOrder(order) });
      },
    ],
    [
      'GET',
      /^\/api\/orders\/([^/]+)$/,
      async (req, res, id) => sendJson(res, 200, { order: presentOrder(ownOrder(req, id)) }),
    ],
    [
      'POST',
      /^\/api\/orders\/([^/]+)\/refund$/,
      async (req, res, id) => {
        const order = ownOrder(req, id);
        if (order.status !== 'paid' || order.refundedFen >= order.amountFen)
          throw new HttpError(409, 'wrong_state', `Only paid orders can be refunded (this one is ${order.status})`);
        // One refund per order, named after it: a retried request is the same refund, never a second one.
        await platform.refund(order.orderId, {
          outRefundNo: `r_${order.outTradeNo}`.slice(0, 64),
          amount: order.amountFen - order.refundedFen,
          reason: 'Refund from the Hello demo',
        });
        order.refundRequested = true;
        log(`refund requested for ${order.orderId}`);
        sendJson(res, 200, { order: presentOrder(order) });
      },
    ],
    [
      'POST',
      /^\/api\/notify$/,
      async (req, res) => {
        const openId = sessionOf(req);
        const sent = await platform.sendSubscribeMessage({
          openId,
          templateId: HELLO_TEMPLATE_ID,
          data: {
            Message: 'Hello from the Hello mini-program 你好',
            Time: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          },
          page: '/notify',
        });
        sendJson(res, 200, sent);
      },
    ],
    ['POST', /^\/webhooks$/, (req, res) => receiveWebhook(req, res)],
  ];

  async function receiveWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readRawBody(req);
    const event = verifyWebhook({
      rawBody,
      signatureHeader: req.headers['x-signature'],
      eventIdHeader: req.headers['x-event-id'],
      secret: options.appSecret,
    });
    if (event.appId !== options.appId) throw new HttpError(400, 'validation_failed', 'Event for another app');
    if (!store.firstSighting(event.id)) {
      log(`webhook ${event.id} (${event.type}) again: already applied`);
      return sendJson(res, 200, { received: true, duplicate: true });
    }
    const order = store.applyEvent(event);
    log(`webhook ${event.id} ${event.type} → ${order ? `${order.orderId} ${order.status}` : 'unknown order'}`);
    sendJson(res, 200, { received: true });
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (cors(req, res, options.allowedOrigin)) return;
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      for (const [method, pattern, handler] of routes) {
        const match = pattern.exec(pathname);
        if (match && req.method === method) return handler(req, res, decodeURIComponent(match[1] ?? ''));
      }
      throw new HttpError(404, 'not_found', 'No such route');
    })().catch((err: unknown) => {
      const [status, code, message] = describe(err);
      if (status >= 500) log(`error on ${req.method} ${req.url}: ${String((err as Error)?.message ?? err)}`);
      if (!res.headersSent) sendJson(res, status, { error: { code, message } });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Maps an error to what the page (or the platform, for webhooks) is told. */
function describe(err: unknown): [number, string, string] {
  if (err instanceof HttpError) return [err.status, err.code, err.message];
  if (err instanceof WebhookVerificationError) return [400, 'webhook_rejected', err.message];
  // The platform refused: pass its code on (a bad login code is the page's problem, not ours).
  if (err instanceof OpenApiError) {
    const ours = err.status >= 500 || err.code === 'app_credentials_invalid' || err.code.startsWith('token_');
    return ours ? [502, 'upstream_failed', 'The platform refused this backend'] : [err.status, err.code, err.message];
  }
  return [500, 'internal', 'Something went wrong'];
}
