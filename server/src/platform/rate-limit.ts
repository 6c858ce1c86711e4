import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClient } from './redis';

export interface LimitOptions {
  /** Distinguishes this limit's keys from every other's. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

export type LimiterFactory = (options: LimitOptions) => RateLimiterAbstract;

/** Limits live in Redis when the server runs as several nodes, in process memory otherwise (DESIGN §2). */
export function limiterFactory(redis: RedisClient | undefined): LimiterFactory {
  return ({ keyPrefix, points, durationSeconds }) =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis,
          useRedisPackage: true,
          keyPrefix,
          points,
          duration: durationSeconds,
        })
      : new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
}

/**
 * Counts failures only (wrong passwords, wrong PINs, bad codes): `check` refuses once `points` failures happened in
 * the window; a success clears the count.
 */
export class FailureLimiter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly points: number,
  ) {}

  /** Seconds to wait before trying again, or 0 when the key may try now. */
  async retryAfter(key: string): Promise<number> {
    const state = await this.limiter.get(key);
    if (!state || state.consumedPoints < this.points) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  async fail(key: string): Promise<void> {
    // consume rejects once over the limit; that rejection only means "still blocked".
    await this.limiter.consume(key).catch(() => undefined);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

/** Counts every attempt (registrations, sends); resolves false when the key is over its limit. */
export async function tryConsume(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (err) {
    if (err instanceof Error) throw err; // a store failure, not a rejection by the limiter
    return false;
  }
}
