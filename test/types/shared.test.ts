import { describe, expectTypeOf, it } from 'vitest';
import type { Ack, ErrorCode, Me, PublicUser, Result, ServerToClientEvents } from '@app/shared';

describe('shared types', () => {
  it('keep private fields off the public user', () => {
    expectTypeOf<PublicUser>().not.toHaveProperty('passwordHash');
    expectTypeOf<Me>().toHaveProperty('role');
  });

  it('narrow results on ok', () => {
    const handle = (r: Result<{ n: number }>) => (r.ok ? r.data.n : r.error.code);
    expectTypeOf(handle).returns.toEqualTypeOf<number | ErrorCode>();
    expectTypeOf<Ack<string>>().parameter(0).toEqualTypeOf<Result<string>>();
  });

  it('type server events', () => {
    expectTypeOf<Parameters<ServerToClientEvents['session:ready']>[0]>().toEqualTypeOf<{
      userId: string;
      serverTime: string;
    }>();
  });
});
