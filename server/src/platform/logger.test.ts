import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

/** An error shaped like Drizzle's DrizzleQueryError around a Postgres error. */
function failedQuery(): Error {
  const pgError = Object.assign(new Error('duplicate key value violates unique constraint "t_uq"'), {
    code: '23505',
    constraint: 't_uq',
    detail: 'Key (token_hash)=(5e884898da28) already exists.',
    where: 'SQL statement "insert into t values (\'s3cret\')"',
  });
  const err = new Error('Failed query: insert into t (a, b) values ($1, $2)\nparams: alice,$argon2id$v=19$m=19456', {
    cause: pgError,
  });
  return Object.assign(err, { params: ['alice', '$argon2id$v=19$m=19456'] });
}

describe('logger', () => {
  it('keeps the query, the SQLSTATE and the constraint of a failed query but none of its values', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.error({ err: failedQuery() }, 'unhandled request error');
    logger.error(failedQuery()); // an error as the first argument: its message becomes the line's msg
    logger.warn({ error: failedQuery() }, 'other key');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toContain('insert into t (a, b) values ($1, $2)');
      expect(line).toContain('params: [redacted]');
      expect(line).not.toMatch(/argon2|alice|5e884898da28|s3cret/);
    }
    expect(JSON.parse(lines[0]!).err.cause).toMatchObject({ code: '23505', constraint: 't_uq' });
  });
});
