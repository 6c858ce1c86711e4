import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundledApp } from '@app/shared';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { AppError, errorHandler } from './platform/errors';
import { openDatabase, type Database } from './platform/db';
import type { Config } from './platform/config';
import { createIo, type AppServer } from './platform/io';
import { createLogger, serializeError, type Logger } from './platform/logger';
import { listenOrAnyPort } from './platform/ports';
import { FailureLimiter, limiterFactory } from './platform/rate-limit';
import { connectRedis, type RedisClient } from './platform/redis';
import { resolveJwtSecret } from './platform/secrets';
import { resolveSealingKey, Sealer } from './platform/sealing';
import { jsonBody } from './platform/http/json-body';
import { serveClient } from './platform/http/static';
import { adminRouter } from './admin/admin.routes';
import { AdminService } from './admin/admin.service';
import { requireAuth } from './auth/auth.middleware';
import { SessionCookie } from './auth/auth.cookie';
import { authRouter } from './auth/auth.routes';
import { AuthService } from './auth/auth.service';
import { attachSocketAuth } from './auth/auth.socket';
import { AccessTokens } from './auth/auth.tokens';
import { ConversationService } from './chat/chat.conversations';
import { chatRouter } from './chat/chat.routes';
import { ChatService } from './chat/chat.service';
import { attachChatSocket } from './chat/chat.socket';
import { mediaRouter, uploadsRouter } from './chat/chat.uploads';
import { friendsRouter } from './friends/friends.routes';
import { FriendsService } from './friends/friends.service';
import { healthRouter } from './health/health.routes';
import { schema } from './schema';
import { seedDemoData, type SeedResult } from './seed/demo';
import { usersRouter } from './users/users.routes';
import { VERSION } from './version';
import { bridgeRouter } from './bridge/bridge.routes';
import { BridgeService } from './bridge/bridge.service';
import { BridgeStorage } from './bridge/bridge.storage';
import { bridgeStorageRouter } from './bridge/bridge.storage.routes';
import { createHostingServer } from './miniapps/miniapps.hosting';
import { messagesOpenApiRouter, ServiceMessages } from './openapi/openapi.messages';
import { openApiRouter } from './openapi/openapi.routes';
import { appsOfEntries } from './payments/payments.entries';
import { paymentsOpenApiRouter, paymentsRouter } from './payments/payments.routes';
import { PaymentsService } from './payments/payments.service';
import type { WebhookOptions } from './payments/payments.webhooks';
import { OpenApiService } from './openapi/openapi.service';
import { miniAppsRouter } from './miniapps/miniapps.routes';
import { MiniAppsService } from './miniapps/miniapps.service';
import { Jobs } from './platform/jobs';
import { redPacketsRouter } from './redpackets/redpackets.routes';
import { RedPacketsService } from './redpackets/redpackets.service';
import { transfersRouter } from './transfers/transfers.routes';
import { TransfersService } from './transfers/transfers.service';
import { configureIdempotency, pruneIdempotencyKeys } from './wallet/wallet.idempotency';
import { PaymentPins } from './wallet/wallet.pin';
import { AttemptGuard } from './auth/auth.attempts';
import { walletRouter } from './wallet/wallet.routes';
import { WalletService } from './wallet/wallet.service';

export const DEFAULT_CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));

export interface Limits {
  /** Wrong passwords in a row that lock a username for `loginWindowSeconds`. */
  loginFailuresPerWindow: number;
  /** Wrong passwords from one address, over all usernames, within `loginWindowSeconds`. */
  loginFailuresPerAddress: number;
  loginWindowSeconds: number;
  registrationsPerHourPerIp: number;
  messagesPer10sPerUser: number;
  /** Bridge `auth.login` codes a person's mini-programs may ask for per minute. */
  loginCodesPerMinutePerUser: number;
  /** Open API calls per app per minute (payments, messages), across all its backends' addresses. */
  openApiCallsPerMinutePerApp: number;
}

export const DEFAULT_LIMITS: Limits = {
  loginFailuresPerWindow: 10,
  loginFailuresPerAddress: 100,
  loginWindowSeconds: 15 * 60,
  registrationsPerHourPerIp: 30,
  messagesPer10sPerUser: 200,
  loginCodesPerMinutePerUser: 30,
  openApiCallsPerMinutePerApp: 600,
};

export interface AppOptions {
  logger?: Logger;
  limits?: Partial<Limits>;
  /** Periodic jobs (expiry, pruning); tests turn them off and drive them directly. */
  jobs?: boolean;
  /** Access token lifetime override (tests of expiry); defaults to 15 minutes. */
  accessTokenTtlSeconds?: number;
  /** Webhook delivery knobs: backoff schedule, timeout, and the scheduling clock (tests drive time with it). */
  webhooks?: Partial<WebhookOptions>;
}

export interface App {
  config: Config;
  logger: Logger;
  database: Database<typeof schema>;
  redis: RedisClient | undefined;
  http: Express;
  httpServer: HttpServer;
  io: AppServer;
  auth: AuthService;
  chat: ChatService;
  conversations: ConversationService;
  friends: FriendsService;
  wallet: WalletService;
  transfers: TransfersService;
  redPackets: RedPacketsService;
  miniApps: MiniAppsService;
  bridge: BridgeService;
  openApi: OpenApiService;
  /** Orders, refunds, debit agreements, webhooks (`payments.deliverDue()` runs one delivery pass). */
  payments: PaymentsService;
  /** Subscribe messages into the person's service conversation. */
  serviceMessages: ServiceMessages;
  /** The port mini-program origins are served on (after listen). */
  appsPort(): number;
  tokens: AccessTokens;
  seeded: SeedResult | undefined;
  /** The bundled mini-programs running beside this node (filled by bundled/bundled.start.ts; `GET /api/health`). */
  bundled: BundledApp[];
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

/** Wires the whole server: database (migrated), optional Redis, express, socket.io and every feature. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const database = await openDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize },
    schema,
  );
  await database.migrate();
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  const limiter = limiterFactory(redis);
  const jwtSecret = await resolveJwtSecret(config.dataDir, config.jwtSecret);
  const tokens = new AccessTokens(jwtSecret, options.accessTokenTtlSeconds);
  const db = database.db;

  configureIdempotency({ leaseSeconds: config.idempotencyLeaseSeconds });
  const guard = new AttemptGuard(db);
  const auth = new AuthService({
    db,
    tokens,
    guard,
    loginPolicy: { maxFailures: limits.loginFailuresPerWindow, lockMinutes: limits.loginWindowSeconds / 60 },
    addressFailures: new FailureLimiter(
      limiter({
        keyPrefix: 'login-fail-addr',
        points: limits.loginFailuresPerAddress,
        durationSeconds: limits.loginWindowSeconds,
      }),
      limits.loginFailuresPerAddress,
    ),
  });
  const http = express();
  const httpServer = createServer(http);
  const io = createIo(httpServer, redis);
  const chat = new ChatService({ db, io });
  const conversations = new ConversationService(db, chat);
  const friends = new FriendsService({ db, chat, conversations });
  auth.onRegistered((user, inviter) => friends.onInvitedRegistration(user, inviter));
  const pins = new PaymentPins(db, guard);
  const wallet = new WalletService(db, pins, (entryIds) => appsOfEntries(db, entryIds));
  const transfers = new TransfersService({ db, chat, conversations, pins });
  const redPackets = new RedPacketsService({ db, chat, pins });
  const sealer = new Sealer(await resolveSealingKey(config.dataDir, config.secretsKey));
  const miniApps = new MiniAppsService(db, path.join(config.dataDir, 'miniapps'), sealer);
  // Known once both servers listen (port 0 in tests picks a free one).
  let hostPort = config.port;
  let appsPort = config.appsPort;
  const hostOrigins = () =>
    config.publicUrl ? [config.publicUrl] : [`http://localhost:${hostPort}`, `http://127.0.0.1:${hostPort}`];
  const appsServer = createHostingServer({ service: miniApps, logger, appsDomain: config.appsDomain, hostOrigins });
  const bridge = new BridgeService(db);
  const openApi = new OpenApiService(db, bridge, jwtSecret);
  const payments = new PaymentsService({
    db,
    chat,
    pins,
    bridge,
    miniApps,
    logger,
    webhooks: { allowPrivateTargets: config.webhookPrivateTargets, ...options.webhooks },
  });
  const serviceMessages = new ServiceMessages({ db, bridge, chat, conversations });
  const jobs = new Jobs(logger);
  if (options.jobs !== false) {
    jobs.every('expire-transfers', 60_000, () => transfers.expireDue());
    jobs.every('expire-redpackets', 60_000, () => redPackets.expireDue());
    jobs.every('prune-idempotency-keys', 3_600_000, () => pruneIdempotencyKeys(db));
    jobs.every('deliver-webhooks', 3_000, () => payments.deliverDue());
  }
  const seeded = config.seedDemo ? await seedDemoData(db, { auth, friends, chat, conversations }) : undefined;

  http.disable('x-powered-by');
  http.set('trust proxy', 'loopback');
  const https = config.publicUrl?.startsWith('https://') ?? false;
  // The apps' exact port (known once listening): a look-alike origin on another port of the same name is refused.
  const appsFrameSrc = () => `${https ? 'https' : 'http'}://*.${config.appsDomain}:${appsPort}`;
  http.use(
    helmet({
      contentSecurityPolicy: { directives: cspDirectives(https, appsFrameSrc) },
      strictTransportSecurity: https,
    }),
  );
  http.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    next();
  });
  http.use(
    pinoHttp({
      logger,
      serializers: { err: serializeError },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  http.use(jsonBody({ limit: '100kb' }));

  const api = express.Router();
  const bundled: BundledApp[] = [];
  api.use(
    healthRouter({ dbKind: database.kind, pingDb: database.ping, redis, version: VERSION, bundled: () => bundled }),
  );
  api.use(
    '/auth',
    authRouter({
      service: auth,
      tokens,
      registrations: limiter({
        keyPrefix: 'register',
        points: limits.registrationsPerHourPerIp,
        durationSeconds: 3600,
      }),
      cookie: new SessionCookie({ publicUrl: config.publicUrl }),
    }),
  );
  const authed = requireAuth(tokens);
  api.use(uploadsRouter(db, config.dataDir, authed));
  api.use(
    authed,
    usersRouter(db),
    friendsRouter(friends, db, config.publicUrl),
    chatRouter(chat, conversations),
    walletRouter(wallet, db),
    transfersRouter(transfers, db),
    redPacketsRouter(redPackets, db),
    bridgeRouter(
      bridge,
      limiter({ keyPrefix: 'login-code', points: limits.loginCodesPerMinutePerUser, durationSeconds: 60 }),
    ),
    bridgeStorageRouter(new BridgeStorage(db, bridge)),
    paymentsRouter(payments, db),
    adminRouter(new AdminService(db)),
    miniAppsRouter({
      service: miniApps,
      appsDomain: config.appsDomain,
      appsPort: () => appsPort,
      hostOrigin: (req) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`,
    }),
  );
  api.use(() => {
    throw new AppError('not_found', 'No such API route');
  });
  http.use('/api', api);
  http.use(
    '/openapi/v1',
    openApiRouter(openApi, {
      limiter: limiter({ keyPrefix: 'openapi', points: 120, durationSeconds: 60 }),
      appLimiter: limiter({
        keyPrefix: 'openapi-app',
        points: limits.openApiCallsPerMinutePerApp,
        durationSeconds: 60,
      }),
      appRoutes: [paymentsOpenApiRouter(payments), messagesOpenApiRouter(serviceMessages)],
    }),
  );
  // Media files are addressed by unguessable ids (see chat.uploads.ts), so they are served without a bearer token.
  http.use(mediaRouter(db, config.dataDir));
  serveClient(http, config.clientDist ?? DEFAULT_CLIENT_DIST);
  http.use(errorHandler(logger));

  attachSocketAuth(io, tokens);
  attachChatSocket({ io, db, chat, logger, limiter, sendsPer10s: limits.messagesPer10sPerUser });

  return {
    config,
    logger,
    database,
    redis,
    http,
    httpServer,
    io,
    auth,
    chat,
    conversations,
    friends,
    wallet,
    transfers,
    redPackets,
    miniApps,
    bridge,
    openApi,
    payments,
    serviceMessages,
    appsPort: () => appsPort,
    tokens,
    seeded,
    bundled,
    async listen(port = config.port) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, config.host, () => resolve());
      });
      hostPort = (httpServer.address() as AddressInfo).port;
      if (port === 0) await listenOrAnyPort(appsServer, 0, config.host);
      else if (config.appsPortDerived) await listenOrAnyPort(appsServer, config.appsPort, config.host);
      else {
        await new Promise<void>((resolve, reject) => {
          appsServer.once('error', reject);
          appsServer.listen(config.appsPort, config.host, () => resolve());
        });
      }
      appsPort = (appsServer.address() as AddressInfo).port;
      return config.publicUrl ?? `http://localhost:${hostPort}`;
    },
    async close() {
      jobs.stop();
      appsServer.closeAllConnections();
      await new Promise<void>((resolve) => appsServer.close(() => resolve()));
      // io.close() also closes the HTTP server; wait for in-flight requests before closing the database.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await redis?.quit().catch(() => undefined);
      await database.close();
    },
  };
}

/**
 * The host page itself may use the camera (scan.code's scanner) and location (location.get); no frame may, whatever
 * its `allow` attribute says: `(self)` is only the host's origin, so the mini-program origins are never delegated
 * either. Nothing uses the microphone.
 */
const PERMISSIONS_POLICY = 'camera=(self), geolocation=(self), microphone=()';

/** Plain-http self-hosting must keep working, so https-only directives apply only behind an https PUBLIC_URL. */
function cspDirectives(
  https: boolean,
  appsFrameSrc: () => string,
): Record<string, Array<string | (() => string)> | null> {
  return {
    upgradeInsecureRequests: https ? [] : null,
    defaultSrc: ["'self'"],
    // 'wasm-unsafe-eval' lets the host compile WebAssembly (the QR decoder, served from 'self'); it does not allow
    // eval() or inline scripts.
    scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
    connectSrc: ["'self'"],
    // Only mini-program origins may be framed (DESIGN §6), never the host's own origin.
    frameSrc: [appsFrameSrc],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  };
}
