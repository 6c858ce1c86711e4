import type { Locale, Result } from '@app/shared';
import type { z } from 'zod';
import { AppError, toErrorBody, validationError } from './errors';
import type { Logger } from './logger';

/**
 * Wraps a socket event handler: parses the payload with a shared schema, runs the handler, and answers the ack with
 * `{ok:true, data}` or `{ok:false, error}` (messages in the socket's language). Bad payloads never reach the
 * handler; a missing ack is tolerated.
 *
 * @example socket.on('message:send', handle(SendMessageSchema, (input) => chat.send(userId, input), { logger, locale }))
 */
export function handle<S extends z.ZodType, R>(
  schema: S,
  fn: (input: z.infer<S>) => Promise<R>,
  { logger, locale }: { logger: Logger; locale: Locale },
): (payload: unknown, ack?: unknown) => Promise<void> {
  return async (payload, ack) => {
    const reply = typeof ack === 'function' ? (ack as (result: Result<R>) => void) : () => undefined;
    const parsed = schema.safeParse(payload, { reportInput: true });
    if (!parsed.success) {
      reply({ ok: false, error: validationError(parsed.error, { what: 'payload', locale }).toBody() });
      return;
    }
    try {
      reply({ ok: true, data: await fn(parsed.data) });
    } catch (err) {
      if (!(err instanceof AppError)) logger.error({ err }, 'socket handler failed');
      reply({ ok: false, error: toErrorBody(err, locale) });
    }
  };
}
