import { createHmac } from 'node:crypto';
import {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  WEBHOOK_RETRY_HOURS,
  type OpenOrder,
  type Refund,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookEventType,
} from '@app/shared';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { MiniAppsService } from '../miniapps/miniapps.service';
import { miniapps } from '../miniapps/miniapps.tables';
import type { Logger } from '../platform/logger';
import type { Db, Tx } from '../schema';
import { users } from '../users/users.tables';
import { newId } from './payments.ids';
import { postJson } from './payments.transport';
import { webhookEvents, type WebhookEventRow } from './payments.tables';

/** Delays after the 1st, 2nd, … failed attempt; the last one repeats until 24 h after the event. */
export const DEFAULT_BACKOFF_SECONDS = [10, 30, 120, 600, 3600];

export interface WebhookOptions {
  backoffSeconds: number[];
  /** Per POST. */
  timeoutMs: number;
  /** Events claimed per run. */
  batch: number;
  /** The scheduling clock (tests move it forward instead of sleeping). */
  now: () => Date;
  /** Let every app's webhooks reach loopback and private networks (apps owned by an admin always may). */
  allowPrivateTargets: boolean;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  backoffSeconds: DEFAULT_BACKOFF_SECONDS,
  timeoutMs: 5_000,
  batch: 20,
  now: () => new Date(),
  allowPrivateTargets: false,
};

/** `t=<unix>,v1=<hex hmac-sha256(secret, t + "." + rawBody)>` (DESIGN §6). */
export function signature(secret: string, rawBody: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * The webhook outbox and its delivery. `enqueue` runs inside the transaction that moves the money; `deliverDue`
 * claims due events with one UPDATE over `FOR UPDATE SKIP LOCKED` rows that pushes `next_attempt_at` a lease ahead,
 * so concurrent runs (or nodes) never POST the same event at once, and a run cut off mid-POST is retried after the
 * lease. Delivery is at least once: receivers deduplicate on the event id, which never changes across retries.
 */
export class Webhooks {
  private readonly options: WebhookOptions;

  constructor(
    private readonly db: Db,
    private readonly miniApps: MiniAppsService,
    private readonly logger: Logger,
    options: Partial<WebhookOptions> = {},
  ) {
    this.options = { ...DEFAULT_WEBHOOK_OPTIONS, ...options };
  }

  async enqueue(
    tx: Tx,
    appId: string,
    type: WebhookEventType,
    data: { order: OpenOrder; refund?: Refund },
  ): Promise<string> {
    const now = this.options.now();
    const event: WebhookEvent = { id: newId('evt'), type, appId, createdAt: now.toISOString(), data };
    await tx.insert(webhookEvents).values({
      id: event.id,
      appId,
      type,
      payload: event as unknown as Record<string, unknown>,
      createdAt: now,
      nextAttemptAt: now,
    });
    return event.id;
  }

  /** One delivery run: every due event (up to a batch) gets one attempt. */
  async deliverDue(now: Date = this.options.now()): Promise<{ attempted: number; delivered: number }> {
    const claimed = await this.claim(now);
    const results = await Promise.all(claimed.map((row) => this.attempt(row, now)));
    return { attempted: claimed.length, delivered: results.filter(Boolean).length };
  }

  /** The app's most recent events and how their delivery went. */
  async recent(appId: string, limit = 50): Promise<WebhookDelivery[]> {
    const rows = await this.db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.appId, appId))
      .orderBy(desc(webhookEvents.createdAt))
      .limit(limit);
    return rows.map((r) => ({
      eventId: r.id,
      type: r.type,
      status: r.status,
      attempts: r.attempts,
      lastStatus: r.lastStatus,
      lastError: r.lastError,
      nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  private async claim(now: Date): Promise<WebhookEventRow[]> {
    const leaseUntil = new Date(now.getTime() + this.options.timeoutMs + 55_000);
    const due = this.db
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.status, 'pending'), lte(webhookEvents.nextAttemptAt, now)))
      .orderBy(webhookEvents.nextAttemptAt)
      .limit(this.options.batch)
      .for('update', { skipLocked: true });
    return this.db
      .update(webhookEvents)
      .set({ nextAttemptAt: leaseUntil, attempts: sql`${webhookEvents.attempts} + 1` })
      .where(inArray(webhookEvents.id, due))
      .returning();
  }

  /** POSTs one claimed event and records the outcome; true when the receiver answered 2xx. */
  private async attempt(row: WebhookEventRow, now: Date): Promise<boolean> {
    const outcome = await this.post(row);
    if (outcome.ok) {
      await this.db
        .update(webhookEvents)
        .set({
          status: 'delivered',
          deliveredAt: now,
          nextAttemptAt: null,
          lastStatus: outcome.status,
          lastError: null,
        })
        .where(eq(webhookEvents.id, row.id));
      return true;
    }
    const schedule = this.options.backoffSeconds;
    const delay = schedule[Math.min(row.attempts, schedule.length) - 1] ?? schedule.at(-1) ?? 3600;
    const next = new Date(now.getTime() + delay * 1000);
    const gaveUp = next.getTime() > row.createdAt.getTime() + WEBHOOK_RETRY_HOURS * 3_600_000;
    await this.db
      .update(webhookEvents)
      .set({
        status: gaveUp ? 'failed' : 'pending',
        nextAttemptAt: gaveUp ? null : next,
        lastStatus: outcome.status,
        lastError: outcome.error,
      })
      .where(eq(webhookEvents.id, row.id));
    return false;
  }

  private async post(row: WebhookEventRow): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const [app] = await this.db
      .select({
        appId: miniapps.appId,
        webhookUrl: miniapps.webhookUrl,
        secretSealed: miniapps.secretSealed,
        ownerRole: users.role,
      })
      .from(miniapps)
      .innerJoin(users, eq(users.id, miniapps.ownerId))
      .where(eq(miniapps.appId, row.appId));
    if (!app?.webhookUrl) return { ok: false, status: null, error: 'No webhook URL is set for this app' };
    const secret = this.miniApps.secretOf(app);
    if (!secret) {
      return {
        ok: false,
        status: null,
        error: 'This app secret predates webhook signing; rotate the secret in the developer portal to sign webhooks',
      };
    }
    const rawBody = JSON.stringify(row.payload);
    try {
      const status = await postJson(app.webhookUrl, {
        timeoutMs: this.options.timeoutMs,
        allowPrivate: this.options.allowPrivateTargets || app.ownerRole === 'admin',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signature(secret, rawBody, Math.floor(Date.now() / 1000)),
          [EVENT_ID_HEADER]: row.id,
        },
        body: rawBody,
      });
      const ok = status >= 200 && status < 300;
      return { ok, status, error: ok ? null : `The receiver answered HTTP ${status}` };
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      this.logger.debug({ err, eventId: row.id }, 'webhook delivery failed');
      return {
        ok: false,
        status: null,
        error: timedOut ? `No answer within ${this.options.timeoutMs / 1000} s` : `Could not connect: ${describe(err)}`,
      };
    }
  }
}

function describe(err: unknown): string {
  const { code, message } = err as { code?: string; message?: string };
  if (code === 'EPRIVATE')
    return `${message}; webhooks go to public addresses only (WEBHOOK_PRIVATE_TARGETS=1 allows private ones)`;
  return code ?? message ?? String(err);
}
