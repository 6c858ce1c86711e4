import { describe, expect, it } from 'vitest';
import { AccessTokens, bearerToken, hashRefreshToken, newRefreshToken } from './auth.tokens';

const SECRET = 'unit-test-secret-unit-test-secret-unit-test';
const USER = '4a8d6c1e-5b0f-4f7e-9a2d-0c1b2a3d4e5f';

describe('AccessTokens', () => {
  it('round-trips user and role and expires within 15 minutes', () => {
    const tokens = new AccessTokens(SECRET);
    const { token, expiresIn } = tokens.sign(USER, 'staff');
    const claims = tokens.verify(token);
    expect(claims).toMatchObject({ userId: USER, role: 'staff' });
    expect(expiresIn).toBeLessThanOrEqual(900);
    expect(claims.exp * 1000 - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it('does not verify with another secret', () => {
    const { token } = new AccessTokens(SECRET).sign(USER, 'user');
    expect(() => new AccessTokens(`${SECRET}-other`).verify(token)).toThrow(
      expect.objectContaining({ code: 'token_invalid' }),
    );
  });
});

describe('refresh tokens', () => {
  it('are random and stored only as a hash', () => {
    const a = newRefreshToken();
    expect(a).not.toBe(newRefreshToken());
    expect(hashRefreshToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(a)).not.toContain(a);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', undefined],
    ['Bearer ', undefined],
    ['Basic abc', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
