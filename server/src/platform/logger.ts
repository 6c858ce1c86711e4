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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}

export type { Logger };
