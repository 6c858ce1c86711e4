import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from 'cors';
import type { ErrorRequestHandler, Express, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { OpenApiError } from './openapi-client';
import type { AppSessions } from './sessions';

/**
 * An error the backend answers as `{error:{code, message}}` with its HTTP status, like the platform's own API.
 *
 * @example
 * if (order.status !== 'paid') throw new HttpError(409, 'wrong_state', 'Only paid orders can be refunded');
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * CORS for the app's own origin only (`ALLOWED_ORIGIN`, e.g. `http://<appId>.apps.localhost:3001`): other pages
 * get no CORS headers, so browsers refuse them. Uses the `cors` package.
 *
 * @example
 * app.use(allowOrigin(env.allowedOrigin));
 */
export function allowOrigin(origin: string): RequestHandler {
  return cors({
    origin: [origin],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
}

/**
 * Parses `value` (a body, query or params) with a zod schema, or throws a 400 `validation_failed` naming the field.
 *
 * @example
 * const { amountFen } = parseInput(CreateOrderSchema, req.body);
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, 'validation_failed', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
}

/**
 * Requires `Authorization: Bearer <session token>` and puts the person's openId where `openIdOf(res)` finds it;
 * answers 401 `unauthenticated` otherwise.
 *
 * @example
 * app.post('/api/orders', requireSession(sessions), async (req, res) => {
 *   const openId = openIdOf(res);
 * });
 */
export function requireSession(sessions: AppSessions): RequestHandler {
  return async (req, res, next) => {
    try {
      const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
      const session = match ? await sessions.lookup(match[1]!) : undefined;
      if (!session) return next(new HttpError(401, 'unauthenticated', 'Log in first: POST /api/session {code}'));
      res.locals.openId = session.openId;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * The openId `requireSession` found for this request.
 *
 * @example
 * const openId = openIdOf(res);
 */
export function openIdOf(res: Response): string {
  const openId: unknown = res.locals.openId;
  if (typeof openId !== 'string') throw new HttpError(401, 'unauthenticated', 'No session');
  return openId;
}

/** What the page (or the platform, for webhooks) is told about an error. */
function describe(err: unknown): [status: number, code: string, message: string] {
  if (err instanceof HttpError) return [err.status, err.code, err.message];
  // The platform refused: pass its code on (a bad login code is the page's problem), unless the fault is ours.
  if (err instanceof OpenApiError) {
    const ours = err.status >= 500 || err.code === 'app_credentials_invalid' || err.code.startsWith('token_');
    return ours ? [502, 'upstream_failed', 'The platform refused this backend'] : [err.status, err.code, err.message];
  }
  // body-parser's errors carry a status and a type.
  const parser = err as { status?: number; type?: string };
  if (parser?.type === 'entity.too.large') return [413, 'payload_too_large', 'Body too large'];
  if (parser?.type === 'entity.parse.failed') return [400, 'validation_failed', 'Body is not JSON'];
  return [500, 'internal', 'Something went wrong'];
}

/**
 * The last middleware: answers every error as `{error:{code, message}}`, never with a stack, and logs the
 * unexpected ones (5xx) once.
 *
 * @example
 * app.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'No such route')));
 * app.use(jsonErrors((line) => console.error(line)));
 */
export function jsonErrors(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const [status, code, message] = describe(err);
    if (status >= 500) log(`error on ${req.method} ${req.originalUrl}: ${(err as Error)?.message ?? String(err)}`);
    if (res.headersSent) return void res.end();
    res.status(status).json({ error: { code, message } });
  };
}

export interface Listening {
  /** `http://<host>:<port>` (127.0.0.1 when listening on every address). */
  url: string;
  server: Server;
  /** Stops accepting, closes idle and open connections, resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * Starts an express app on `port` (0 picks a free one) and `host`.
 *
 * @example
 * const { url, close } = await listen(app, { port: env.port, host: env.host });
 */
export async function listen(app: Express, options: { port: number; host?: string }): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
