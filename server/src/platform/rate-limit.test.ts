import { describe, expect, it } from 'vitest';
import { FailureLimiter, limiterFactory, tryConsume } from './rate-limit';

describe('FailureLimiter', () => {
  it('blocks after N failures, per key, and a reset clears it', async () => {
    const limiter = new FailureLimiter(
      limiterFactory(undefined)({ keyPrefix: 't', points: 3, durationSeconds: 60 }),
      3,
    );
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter('a')).toBe(0);
      await limiter.fail('a');
    }
    expect(await limiter.retryAfter('a')).toBeGreaterThan(0);
    expect(await limiter.retryAfter('b')).toBe(0);
    await limiter.reset('a');
    expect(await limiter.retryAfter('a')).toBe(0);
  });
});

describe('tryConsume', () => {
  it('allows exactly `points` attempts in a window', async () => {
    const limiter = limiterFactory(undefined)({ keyPrefix: 'c', points: 2, durationSeconds: 60 });
    expect(await tryConsume(limiter, 'k')).toBe(true);
    expect(await tryConsume(limiter, 'k')).toBe(true);
    expect(await tryConsume(limiter, 'k')).toBe(false);
  });
});
