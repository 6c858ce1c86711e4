import { eq } from 'drizzle-orm';
import type { SetPin } from '@app/shared';
import type { AttemptGuard } from '../auth/auth.attempts';
import { hashPassword, needsRehash, verifyPassword } from '../auth/auth.passwords';
import { AppError } from '../platform/errors';
import type { Db, Tx } from '../schema';
import { walletPins } from './wallet.tables';

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MINUTES = 15;
const POLICY = { maxFailures: PIN_MAX_FAILURES, lockMinutes: PIN_LOCK_MINUTES };

const guardKey = (userId: string) => `pin:${userId}`;

/**
 * The 6-digit payment PIN (argon2id). Guesses go through the attempt guard: counted in the database before the hash
 * is computed and one at a time per person, so at most 5 wrong PINs are ever evaluated before spending locks for 15
 * minutes, however many arrive at once and on however many nodes; a right PIN resets the count.
 */
export class PaymentPins {
  constructor(
    private readonly db: Db,
    private readonly guard: AttemptGuard,
  ) {}

  async status(userId: string, db: Db | Tx = this.db): Promise<{ hasPin: boolean; lockedUntil: Date | null }> {
    const [row] = await db.select({ userId: walletPins.userId }).from(walletPins).where(eq(walletPins.userId, userId));
    return { hasPin: !!row, lockedUntil: row ? await this.guard.lockedUntil(guardKey(userId), db) : null };
  }

  /** Sets the first PIN, or changes it (the current PIN is required and counts as an attempt). */
  async set(userId: string, input: SetPin): Promise<void> {
    const [existing] = await this.db.select().from(walletPins).where(eq(walletPins.userId, userId));
    if (existing) {
      if (!input.currentPin) throw new AppError('pin_required', 'Enter your current payment PIN to change it');
      await this.verify(userId, input.currentPin);
    }
    await this.store(userId, await hashPassword(input.pin, 'payment'));
    await this.guard.reset(guardKey(userId));
  }

  /** Throws `pin_required`, `pin_locked` or `pin_wrong`; returns when the PIN is right. */
  async verify(userId: string, pin: string): Promise<void> {
    const [row] = await this.db.select().from(walletPins).where(eq(walletPins.userId, userId));
    if (!row) throw new AppError('pin_required', 'Set a payment PIN first (Me → Wallet)');
    const result = await this.guard.attempt(guardKey(userId), POLICY, () =>
      verifyPassword(row.pinHash, pin, 'payment'),
    );
    if (result.kind === 'locked') throw lockedError(result.until);
    if (result.kind === 'wrong' && result.lockedUntil) throw lockedError(result.lockedUntil);
    if (result.kind === 'wrong') {
      const left = result.triesLeft;
      throw new AppError(
        'pin_wrong',
        `Wrong payment PIN; ${left} ${left === 1 ? 'try' : 'tries'} left before the wallet locks`,
        undefined,
        { triesLeft: left },
      );
    }
    if (needsRehash(row.pinHash)) await this.store(userId, await hashPassword(pin, 'payment'));
  }

  private async store(userId: string, pinHash: string): Promise<void> {
    await this.db
      .insert(walletPins)
      .values({ userId, pinHash })
      .onConflictDoUpdate({ target: walletPins.userId, set: { pinHash, updatedAt: new Date() } });
  }
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(
    'pin_locked',
    `Too many wrong PINs: spending is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`,
    undefined,
    { lockedUntil: until.toISOString() },
  );
}
