import { createHash, randomBytes } from 'node:crypto';
import {
  LOGIN_CODE_TTL_SECONDS,
  type Consent,
  type ConsentDecision,
  type Scope,
  type SubscriptionDecision,
} from '@app/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { miniapps } from '../miniapps/miniapps.tables';
import { undeclaredTemplates } from '../miniapps/miniapps.templates';
import { consents, loginCodes, subscriptions } from './bridge.tables';

/** The one refusal for a template id the app's manifests do not declare (subscribe dialog and Open API send). */
export function templateNotDeclared(ids: readonly string[]): AppError {
  return new AppError(
    'template_not_declared',
    `Not declared in miniapp.json subscribeTemplates of a submitted version: ${ids.join(', ')}`,
  );
}

export const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** What the host asks the platform on a mini-program's behalf: login codes and scope consents. */
export class BridgeService {
  constructor(private readonly db: Db) {}

  /** A one-time code for bridge `auth.login` (the host never gives the app its own token). */
  async loginCode(userId: string, appId: string): Promise<{ code: string; expiresIn: number }> {
    await this.requireActiveApp(appId);
    const code = randomBytes(24).toString('base64url');
    await this.db.insert(loginCodes).values({
      codeHash: hashCode(code),
      appId,
      userId,
      expiresAt: new Date(Date.now() + LOGIN_CODE_TTL_SECONDS * 1000),
    });
    return { code, expiresIn: LOGIN_CODE_TTL_SECONDS };
  }

  /**
   * Spends a code for `appId`: unknown, expired, used or another app's code → `code_invalid`. One UPDATE, so two
   * concurrent exchanges of one code cannot both succeed.
   */
  async consumeCode(appId: string, code: string): Promise<string> {
    const [row] = await this.db
      .update(loginCodes)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(loginCodes.codeHash, hashCode(code)),
          eq(loginCodes.appId, appId),
          isNull(loginCodes.usedAt),
          sql`${loginCodes.expiresAt} > now()`,
        ),
      )
      .returning({ userId: loginCodes.userId });
    if (!row)
      throw new AppError('code_invalid', 'The login code is unknown, expired, already used, or not for this app');
    return row.userId;
  }

  async consentsOf(userId: string): Promise<Consent[]> {
    const rows = await this.db
      .select({ consent: consents, appName: miniapps.name })
      .from(consents)
      .innerJoin(miniapps, eq(miniapps.appId, consents.appId))
      .where(eq(consents.userId, userId))
      .orderBy(miniapps.name, consents.scope);
    return rows.map(({ consent, appName }) => ({
      appId: consent.appId,
      appName,
      scope: consent.scope,
      granted: consent.granted,
      updatedAt: consent.updatedAt.toISOString(),
    }));
  }

  /** Records the user's answer in the host's consent dialog. */
  async decide(userId: string, input: ConsentDecision): Promise<void> {
    await this.requireActiveApp(input.appId);
    await this.db
      .insert(consents)
      .values({ userId, appId: input.appId, scope: input.scope, granted: input.granted })
      .onConflictDoUpdate({
        target: [consents.userId, consents.appId, consents.scope],
        set: { granted: input.granted, updatedAt: sql`now()` },
      });
  }

  /** Forgets the answer: the next use of the scope asks again. */
  async revoke(userId: string, appId: string, scope: Scope): Promise<void> {
    await this.db
      .delete(consents)
      .where(and(eq(consents.userId, userId), eq(consents.appId, appId), eq(consents.scope, scope)));
  }

  /** `granted`, `denied`, or `ask` (never answered): what the host does before a scoped bridge call. */
  async scopeState(userId: string, appId: string, scope: Scope): Promise<'granted' | 'denied' | 'ask'> {
    const [row] = await this.db
      .select({ granted: consents.granted })
      .from(consents)
      .where(and(eq(consents.userId, userId), eq(consents.appId, appId), eq(consents.scope, scope)));
    return row ? (row.granted ? 'granted' : 'denied') : 'ask';
  }

  /** The person's answers in the subscribe dialog: each accepted template may send them one more service message. */
  async subscribe(userId: string, input: SubscriptionDecision): Promise<void> {
    await this.requireActiveApp(input.appId);
    const undeclared = await undeclaredTemplates(this.db, input.appId, Object.keys(input.results));
    if (undeclared.length) throw templateNotDeclared(undeclared);
    const accepted = Object.entries(input.results)
      .filter(([, answer]) => answer === 'accept')
      .map(([templateId]) => ({ userId, appId: input.appId, templateId, remaining: 1 }));
    if (!accepted.length) return;
    await this.db
      .insert(subscriptions)
      .values(accepted)
      .onConflictDoUpdate({
        target: [subscriptions.userId, subscriptions.appId, subscriptions.templateId],
        // Capped (the CHECK allows 1000): accepting again and again never overflows.
        set: { remaining: sql`least(${subscriptions.remaining} + 1, 1000)`, updatedAt: sql`now()` },
      });
  }

  /** Spends one accepted subscription inside the caller's transaction; false when none is left. */
  async spendSubscription(tx: Tx, userId: string, appId: string, templateId: string): Promise<boolean> {
    const [row] = await tx
      .update(subscriptions)
      .set({ remaining: sql`${subscriptions.remaining} - 1`, updatedAt: sql`now()` })
      .where(
        and(
          eq(subscriptions.userId, userId),
          eq(subscriptions.appId, appId),
          eq(subscriptions.templateId, templateId),
          sql`${subscriptions.remaining} > 0`,
        ),
      )
      .returning({ remaining: subscriptions.remaining });
    return !!row;
  }

  /** `not_found` unless the app exists and is not suspended. */
  async requireActiveApp(appId: string): Promise<void> {
    const [app] = await this.db.select({ status: miniapps.status }).from(miniapps).where(eq(miniapps.appId, appId));
    if (!app || app.status !== 'active') throw new AppError('not_found', 'No such mini-program');
  }
}
