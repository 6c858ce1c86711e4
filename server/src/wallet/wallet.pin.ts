import { eq, sql } from 'drizzle-orm';
import type { SetPin } from '@app/shared';
import { hashPassword, verifyPassword } from '../auth/auth.passwords';
import { AppError } from '../platform/errors';
import type { Db } from '../schema';
import { walletPins } from './wallet.tables';

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MINUTES = 15;

/**
 * The 6-digit payment PIN (argon2id). Failures are counted in the database, so the lock survives restarts and holds
 * across nodes: the 5th wrong PIN in a row locks spending for 15 minutes; a right PIN resets the count.
 */
export class PaymentPins {
  constructor(private readonly db: Db) {}

  async status(userId: string): Promise<{ hasPin: boolean; lockedUntil: Date | null }> {
    const [row] = await this.db.select().from(walletPins).where(eq(walletPins.userId, userId));
    const locked = row?.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil : null;
    return { hasPin: !!row, lockedUntil: locked };
  }

  /** Sets the first PIN, or changes it (the current PIN is required and counts as an attempt). */
  async set(userId: string, input: SetPin): Promise<void> {
    const [existing] = await this.db.select().from(walletPins).where(eq(walletPins.userId, userId));
    if (existing) {
      if (!input.currentPin) throw new AppError('pin_required', 'Enter your current payment PIN to change it');
      await this.verify(userId, input.currentPin);
    }
    const pinHash = await hashPassword(input.pin);
    await this.db
      .insert(walletPins)
      .values({ userId, pinHash })
      .onConflictDoUpdate({
        target: walletPins.userId,
        set: { pinHash, failedCount: 0, lockedUntil: null, updatedAt: sql`now()` },
      });
  }

  /** Throws `pin_required`, `pin_locked` or `pin_wrong`; returns when the PIN is right. */
  async verify(userId: string, pin: string): Promise<void> {
    const [row] = await this.db.select().from(walletPins).where(eq(walletPins.userId, userId));
    if (!row) throw new AppError('pin_required', 'Set a payment PIN first (Me → Wallet)');
    if (row.lockedUntil && row.lockedUntil.getTime() > Date.now()) throw lockedError(row.lockedUntil);
    if (await verifyPassword(row.pinHash, pin)) {
      if (row.failedCount)
        await this.db.update(walletPins).set({ failedCount: 0 }).where(eq(walletPins.userId, userId));
      return;
    }
    // In SET, every expression sees the old row: count, and on the 5th failure lock and start counting afresh.
    const reached = sql`${walletPins.failedCount} + 1 >= ${PIN_MAX_FAILURES}`;
    const [after] = await this.db
      .update(walletPins)
      .set({
        failedCount: sql`case when ${reached} then 0 else ${walletPins.failedCount} + 1 end`,
        lockedUntil: sql`case when ${reached} then now() + make_interval(mins => ${PIN_LOCK_MINUTES}) else ${walletPins.lockedUntil} end`,
      })
      .where(eq(walletPins.userId, userId))
      .returning({ failedCount: walletPins.failedCount, lockedUntil: walletPins.lockedUntil });
    if (after?.lockedUntil && after.lockedUntil.getTime() > Date.now()) throw lockedError(after.lockedUntil);
    const left = PIN_MAX_FAILURES - (after?.failedCount ?? 0);
    throw new AppError(
      'pin_wrong',
      `Wrong payment PIN; ${left} ${left === 1 ? 'try' : 'tries'} left before the wallet locks`,
      undefined,
      { triesLeft: left },
    );
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
