import { describe, expect, it } from 'vitest';
import { LoginSchema, RegisterSchema } from './auth.schemas';

describe('RegisterSchema', () => {
  it('lower-cases and trims the username', () => {
    const parsed = RegisterSchema.parse({ username: '  Alice_1 ', password: '12345678', displayName: ' 爱丽丝 ' });
    expect(parsed).toEqual({ username: 'alice_1', password: '12345678', displayName: '爱丽丝' });
  });

  it.each([
    [{ username: 'al', password: '12345678', displayName: 'A' }, 'username'],
    [{ username: 'al ice', password: '12345678', displayName: 'A' }, 'username'],
    [{ username: 'alice', password: '1234567', displayName: 'A' }, 'password'],
    [{ username: 'alice', password: '12345678', displayName: '   ' }, 'displayName'],
    [{ username: 'alice', password: '12345678', displayName: 'A', role: 'admin' }, ''],
  ])('rejects %j at %s', (input, path) => {
    const result = RegisterSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });
});

describe('LoginSchema', () => {
  it('does not trim passwords (spaces may be part of them)', () => {
    expect(LoginSchema.parse({ username: 'Bob', password: ' pass ' })).toEqual({ username: 'bob', password: ' pass ' });
  });
});
