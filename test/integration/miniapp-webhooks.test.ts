import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/pg-core';
import express from 'express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appSchema, drizzleWebhookEvents, kitTables, openAppDatabase, type AppDatabase } from '@app/miniapp-sdk/db';
import { jsonErrors, listen, webhookReceiver, type Listening, type WebhookEvent } from '@app/miniapp-sdk/server';
import { signWebhook } from '@app/miniapp-sdk/webhook';
import { writeAppMigrations } from '../support/app-migrations';

/**
 * The SDK kit's webhook receiver on a real Postgres: signature and age checks, and "applied once" for deliveries
 * of one event that arrive together, with the app's writes and the event id committed in one transaction.
 */

const APP_ID = 'mpkitwebhook';
const SECRET = 'kit-webhook-secret-0123456789';
const name = `kit_wh_${randomBytes(3).toString('hex')}`;
const schema = appSchema(name);
const { webhookEvents } = kitTables(schema);
const applied = schema.table('applied', {
  orderId: text('order_id').primaryKey(),
  times: integer('times').notNull(),
});
const tables = { webhookEvents, applied };

let database: AppDatabase<typeof tables>;
let server: Listening;
/** The next `handle` call throws this once (then it is cleared). */
let failNext: Error | undefined;

beforeAll(async () => {
  const s = `app_${name}`;
  const migrations = await writeAppMigrations([
    [
      `CREATE SCHEMA "${s}";`,
      `CREATE TABLE "${s}"."webhook_events" ("id" text PRIMARY KEY, "type" text NOT NULL, "received_at" timestamptz DEFAULT now() NOT NULL);`,
      `CREATE TABLE "${s}"."applied" ("order_id" text PRIMARY KEY, "times" integer NOT NULL);`,
    ],
  ]);
  database = await openAppDatabase({ name, migrationsFolder: migrations, databaseUrl: inject('databaseUrl'), tables });
  const app = express();
  app.post(
    '/webhooks',
    webhookReceiver({
      appId: APP_ID,
      secret: SECRET,
      store: drizzleWebhookEvents(database.db, webhookEvents),
      handle: async (event, tx) => {
        // Slow on purpose, inside the transaction: concurrent deliveries overlap here.
        await tx.execute(sql`select pg_sleep(0.05)`);
        await tx
          .insert(applied)
          .values({ orderId: event.data.order.orderId, times: 1 })
          .onConflictDoUpdate({ target: applied.orderId, set: { times: sql`${applied.times} + 1` } });
        if (failNext) {
          const err = failNext;
          failNext = undefined;
          throw err;
        }
      },
    }),
  );
  app.use(jsonErrors(() => undefined));
  server = await listen(app, { port: 0 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await database?.close();
});

function buildEvent(overrides: Partial<WebhookEvent> = {}): WebhookEvent {
  const orderId = `ord_${randomBytes(12).toString('hex')}`;
  const at = new Date().toISOString();
  return {
    id: `evt_${randomBytes(12).toString('hex')}`,
    type: 'payment.succeeded',
    appId: APP_ID,
    createdAt: at,
    data: {
      order: {
        orderId,
        outTradeNo: 't1',
        openId: 'o1',
        amount: 1,
        refundedAmount: 0,
        description: 'Tea',
        status: 'paid',
        agreementId: null,
        createdAt: at,
        expiresAt: at,
        paidAt: at,
      },
    },
    ...overrides,
  };
}

function deliver(rawBody: string, signature: string | undefined, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-signature': signature } : {}), ...headers },
    body: rawBody,
  });
}

const timesApplied = async (orderId: string) =>
  (await database.db.select().from(applied).where(eq(applied.orderId, orderId)))[0]?.times ?? 0;
const recorded = async (eventId: string) =>
  (await database.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId))).length;

describe('webhookReceiver', () => {
  it('applies an event once when 12 deliveries of it arrive together', async () => {
    const event = buildEvent();
    const rawBody = JSON.stringify(event);
    const signature = signWebhook({ rawBody, secret: SECRET });
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await deliver(rawBody, signature, { 'x-event-id': event.id });
        return { status: res.status, body: await res.json() };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(answers.filter((a) => a.body.duplicate !== true)).toEqual([{ status: 200, body: { received: true } }]);
    expect(await timesApplied(event.data.order.orderId)).toBe(1);
    expect(await recorded(event.id)).toBe(1);
  });

  it("answers 5xx when the app's handler fails, records nothing, and applies the retry", async () => {
    const event = buildEvent();
    const rawBody = JSON.stringify(event);
    failNext = new Error('disk full');
    const failed = await deliver(rawBody, signWebhook({ rawBody, secret: SECRET }));
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong' } });
    // The handler's write and the event id rolled back together.
    expect(await timesApplied(event.data.order.orderId)).toBe(0);
    expect(await recorded(event.id)).toBe(0);
    const retry = await deliver(rawBody, signWebhook({ rawBody, secret: SECRET }));
    expect(await retry.json()).toEqual({ received: true });
    expect(await timesApplied(event.data.order.orderId)).toBe(1);
  });

  it('refuses a bad signature, a stale or future timestamp, no signature, another app, a mismatched event id', async () => {
    const event = buildEvent();
    const rawBody = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const refusals = [
      await deliver(rawBody, signWebhook({ rawBody, secret: 'some-other-secret-0123456789' })),
      await deliver(rawBody, signWebhook({ rawBody, secret: SECRET, timestamp: now - 301 })),
      await deliver(rawBody, signWebhook({ rawBody, secret: SECRET, timestamp: now + 301 })),
      await deliver(rawBody, undefined),
      await deliver(`${rawBody} `, signWebhook({ rawBody, secret: SECRET })), // body changed after signing
      await deliver(rawBody, signWebhook({ rawBody, secret: SECRET }), { 'x-event-id': 'evt_other' }),
    ];
    const foreign = JSON.stringify(buildEvent({ appId: 'mpsomeoneels' }));
    refusals.push(await deliver(foreign, signWebhook({ rawBody: foreign, secret: SECRET })));
    for (const res of refusals) {
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('webhook_rejected');
    }
    expect(await recorded(event.id)).toBe(0);
    // Just inside the window is fine.
    const ok = await deliver(rawBody, signWebhook({ rawBody, secret: SECRET, timestamp: now - 295 }));
    expect(ok.status).toBe(200);
  });

  it('tells the developer when it was mounted after a JSON parser', async () => {
    const app = express();
    app.use(express.json());
    app.post(
      '/webhooks',
      webhookReceiver({
        appId: APP_ID,
        secret: SECRET,
        store: drizzleWebhookEvents(database.db, webhookEvents),
        handle: async () => undefined,
      }),
    );
    let logged = '';
    app.use(jsonErrors((line) => (logged = line)));
    const wrong = await listen(app, { port: 0 });
    try {
      const rawBody = JSON.stringify(buildEvent());
      const res = await fetch(`${wrong.url}/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signWebhook({ rawBody, secret: SECRET }) },
        body: rawBody,
      });
      expect(res.status).toBe(500);
      expect(logged).toMatch(/mount it before express\.json\(\)/);
    } finally {
      await wrong.close();
    }
  });
});
