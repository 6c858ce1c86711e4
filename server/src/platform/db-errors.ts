/** Drivers (and Drizzle's wrapper) put the Postgres error in different places; find its SQLSTATE and message. */
export function databaseErrorOf(err: unknown): { code?: string; message: string; constraint?: string } | undefined {
  for (
    let e = err as { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (typeof e.code === 'string' && typeof e.message === 'string') {
      return {
        code: e.code,
        message: e.message,
        constraint: typeof e.constraint === 'string' ? e.constraint : undefined,
      };
    }
  }
  return undefined;
}

/** SQLSTATE of a CHECK constraint violation. */
export const CHECK_VIOLATION = '23514';
