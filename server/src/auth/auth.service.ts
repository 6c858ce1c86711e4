import { randomUUID } from 'node:crypto';
import { REFRESH_TOKEN_TTL_DAYS, type AuthResponse, type Login, type Register } from '@app/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../platform/errors';
import type { FailureLimiter } from '../platform/rate-limit';
import type { Db, Tx } from '../schema';
import { presentMe } from '../users/users.presenter';
import { findUserById, findUserByInviteCode, findUserByUsername, insertUser } from '../users/users.repo';
import { users, type UserRow } from '../users/users.tables';
import type { AttemptGuard, GuardPolicy } from './auth.attempts';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './auth.passwords';
import { refreshTokens } from './auth.tables';
import { hashRefreshToken, newRefreshToken, type AccessTokens } from './auth.tokens';

export interface AuthDeps {
  db: Db;
  tokens: AccessTokens;
  /** Wrong passwords per username, in the database: counted before hashing, one check at a time per username. */
  guard: AttemptGuard;
  loginPolicy: GuardPolicy;
  /** Wrong passwords per client address, whatever the usernames (one address guessing many accounts). */
  addressFailures: FailureLimiter;
}

/** Hooks later features attach to (the friends feature sends the inviter a friend request). */
export type RegisteredHook = (user: UserRow, inviter: UserRow | undefined) => Promise<void>;

export class AuthService {
  private readonly registeredHooks: RegisteredHook[] = [];

  constructor(private readonly deps: AuthDeps) {}

  onRegistered(hook: RegisteredHook): void {
    this.registeredHooks.push(hook);
  }

  async register(input: Register): Promise<AuthResponse> {
    const { db } = this.deps;
    const inviter = input.inviteCode ? await findUserByInviteCode(db, input.inviteCode) : undefined;
    if (input.inviteCode && !inviter) {
      throw new AppError('validation_failed', 'Invite code not found', { inviteCode: 'Invite code not found' });
    }
    const user = await insertUser(db, {
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      referredBy: inviter?.id ?? null,
    });
    if (!user) throw new AppError('username_taken', 'That username is already taken', { username: 'Already taken' });
    for (const hook of this.registeredHooks) await hook(user, inviter);
    return this.startSession(user);
  }

  /**
   * Checks a password. A username — existing or not, so the answers reveal nothing — takes `loginPolicy.maxFailures`
   * wrong passwords in a row (from any number of addresses, in any number of parallel requests) and is then locked
   * for `lockMinutes`; an address is limited over all the usernames it tries.
   */
  async login(input: Login, ip: string): Promise<AuthResponse> {
    const { addressFailures, guard, loginPolicy } = this.deps;
    const wait = await addressFailures.retryAfter(ip);
    if (wait > 0) throw new AppError('rate_limited', `Too many failed logins; try again in ${wait} s`);
    const user = await findUserByUsername(this.deps.db, input.username);
    const result = await guard.attempt(`login:${input.username.toLowerCase()}`, loginPolicy, () =>
      user ? verifyPassword(user.passwordHash, input.password) : burnPasswordCheck(input.password).then(() => false),
    );
    if (result.kind === 'locked') {
      const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
      throw new AppError('rate_limited', `Too many failed logins; try again in ${minutes} min`, undefined, {
        lockedUntil: result.until.toISOString(),
      });
    }
    if (result.kind === 'wrong' || !user) {
      await addressFailures.fail(ip);
      throw new AppError('invalid_credentials', 'Wrong username or password');
    }
    if (user.bannedAt) throw new AppError('forbidden', 'This account is suspended');
    if (needsRehash(user.passwordHash)) {
      await this.deps.db
        .update(users)
        .set({ passwordHash: await hashPassword(input.password) })
        .where(eq(users.id, user.id));
    }
    return this.startSession(user);
  }

  /**
   * Spends a refresh token and issues its successor. A spent token presented again means it was copied: the whole
   * family is revoked (committed before the error is thrown) and the caller gets `token_reused`.
   */
  async refresh(token: string): Promise<AuthResponse> {
    const outcome = await this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)))
        .for('update');
      if (!row || row.revokedAt) return { error: new AppError('token_invalid', 'Session has ended; log in again') };
      if (row.usedAt) {
        await revokeFamily(tx, row.familyId);
        return { error: new AppError('token_reused', 'Session was used elsewhere and has been ended; log in again') };
      }
      if (row.expiresAt.getTime() <= Date.now())
        return { error: new AppError('token_expired', 'Session expired; log in again') };
      const user = await findUserById(tx, row.userId);
      if (!user || user.bannedAt) return { error: new AppError('forbidden', 'This account is suspended') };
      await tx
        .update(refreshTokens)
        .set({ usedAt: sql`now()` })
        .where(eq(refreshTokens.id, row.id));
      const refreshToken = await issueRefreshToken(tx, user.id, row.familyId);
      return { user, refreshToken };
    });
    if ('error' in outcome) throw outcome.error;
    return this.respond(outcome.user, outcome.refreshToken);
  }

  /** Ends the session the refresh token belongs to (only the caller's own), or every session of the user. */
  async logout(userId: string, refreshToken: string | undefined): Promise<void> {
    const { db } = this.deps;
    if (!refreshToken) {
      await db
        .update(refreshTokens)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
      return;
    }
    const [row] = await db
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.tokenHash, hashRefreshToken(refreshToken)), eq(refreshTokens.userId, userId)));
    if (row) await revokeFamily(db, row.familyId);
  }

  private async startSession(user: UserRow): Promise<AuthResponse> {
    const refreshToken = await issueRefreshToken(this.deps.db, user.id, randomUUID());
    return this.respond(user, refreshToken);
  }

  private respond(user: UserRow, refreshToken: string): AuthResponse {
    const access = this.deps.tokens.sign(user.id, user.role);
    return { user: presentMe(user), accessToken: access.token, refreshToken, expiresIn: access.expiresIn };
  }
}

async function issueRefreshToken(db: Db | Tx, userId: string, familyId: string): Promise<string> {
  const token = newRefreshToken();
  await db.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: hashRefreshToken(token),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  return token;
}

async function revokeFamily(db: Db | Tx, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}
