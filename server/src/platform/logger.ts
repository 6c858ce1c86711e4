import { pino, type Logger } from 'pino';

/**
 * Paths never written to logs. Requests are logged by pino-http with these serializers, so Authorization headers,
 * cookies, passwords, PINs and tokens are replaced by "[redacted]" wherever they appear.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.pin',
  '*.currentPin',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.appSecret',
  '*.jwtSecret',
  'password',
  'token',
  'accessToken',
  'refreshToken',
];

/** Fields of an error (and of the Postgres error inside it) that carry no value of the failed query. */
const SAFE_FIELDS = ['code', 'constraint', 'table', 'column', 'schema', 'routine', 'severity', 'status'] as const;
const MAX_CAUSES = 5;

/**
 * Drizzle's failed-query message ends in `params: <every parameter>` — password hashes, token hashes, PINs' hashes;
 * the line and what follows it, up to the stack frames, is cut.
 */
function withoutParams(text: string): string {
  return text.replace(/\n?params:[\s\S]*?(?=\n\s+at |$)/, '\nparams: [redacted]');
}

export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
  [field: string]: unknown;
}

/**
 * The `err` serializer of every log line: type, message and stack with query parameters cut, the cause chain, and a
 * few named fields. Everything else an error object carries — Drizzle's `params`, Postgres' `detail` (`Key
 * (token_hash)=(…) already exists`), `where` and `internalQuery` — is left out, so no value of any query can reach a
 * log line (issue #17).
 */
export function serializeError(err: unknown, depth = 0): LoggedError | unknown {
  if (!(err instanceof Error)) return err;
  const out: LoggedError = {
    type: err.constructor?.name ?? 'Error',
    message: withoutParams(err.message),
    stack: err.stack === undefined ? undefined : withoutParams(err.stack),
  };
  const fields = err as unknown as Record<string, unknown>;
  for (const field of SAFE_FIELDS) {
    if (typeof fields[field] === 'string' || typeof fields[field] === 'number') out[field] = fields[field];
  }
  if (err.cause !== undefined && depth < MAX_CAUSES) out.cause = serializeError(err.cause, depth + 1) as LoggedError;
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        // `logger.error(err)` would make err.message the line's msg, past the serializer: route it through `err`.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          if (!(first instanceof Error)) return method.apply(this, args);
          const msg = typeof rest[0] === 'string' ? (rest.shift() as string) : withoutParams(first.message);
          return method.apply(this, [{ err: first }, msg, ...rest] as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export type { Logger };
