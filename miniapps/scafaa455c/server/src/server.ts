import { fileURLToPath } from 'node:url';
import { drizzleSessionStore, drizzleWebhookEvents, openAppDatabase } from '@app/miniapp-sdk/db';
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
  type BackendEnv,
} from '@app/miniapp-sdk/server';
import { sql } from 'drizzle-orm';
import express from 'express';
import { SessionRequestSchema, type SessionResponse, type Visits } from '../../common/api';
import * as tables from './scafaa455c.tables';

const MIGRATIONS = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Scaffolded's backend: a session from each login code (`auth.login` → code2session), a visit counter in its own
 * database, and the webhook receiver (signed, 300 s window, each event applied once). Add your routes below.
 */
export async function startServer(
  env: BackendEnv,
  log = (line: string) => process.stdout.write(`[scafaa455c] ${line}\n`),
) {
  const database = await openAppDatabase({ name: 'scafaa455c', migrationsFolder: MIGRATIONS, tables, ...env.database });
  const { db } = database;
  const platform = new OpenApiClient(env);
  const sessions = createAppSessions({ openApi: platform, store: drizzleSessionStore(db, tables.sessions) });

  const app = express();
  app.disable('x-powered-by');
  app.use(allowOrigin(env.allowedOrigin));
  app.get('/api/health', (_req, res) => void res.json({ ok: true, appId: env.appId }));
  // Before the JSON parser: the signature covers the raw body.
  app.post(
    '/webhooks',
    webhookReceiver({
      appId: env.appId,
      secret: env.appSecret,
      store: drizzleWebhookEvents(db, tables.webhookEvents),
      // Runs in the transaction that records the event id: update your orders here.
      handle: async (event) => {
        log(`webhook ${event.id} ${event.type}`);
      },
    }),
  );
  app.use(express.json({ limit: '64kb' }));

  app.post('/api/session', async (req, res) => {
    const { code } = parseInput(SessionRequestSchema, req.body);
    const session = await sessions.login(code);
    res.json({
      token: session.token,
      openId: session.openId,
      expiresAt: session.expiresAt.toISOString(),
    } satisfies SessionResponse);
  });

  app.post('/api/visits', requireSession(sessions), async (_req, res) => {
    const [row] = await db
      .insert(tables.visits)
      .values({ openId: openIdOf(res), count: 1 })
      .onConflictDoUpdate({
        target: tables.visits.openId,
        set: { count: sql`${tables.visits.count} + 1`, lastAt: sql`now()` },
      })
      .returning();
    res.json({ visits: row!.count } satisfies Visits);
  });

  app.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'No such route')));
  app.use(jsonErrors(log));
  const listening = await listen(app, { port: env.port, host: env.host });
  return {
    url: listening.url,
    kind: database.kind,
    close: async () => {
      await listening.close();
      await database.close();
    },
  };
}
