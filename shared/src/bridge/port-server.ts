import { type ErrorCode } from '../errors';
import { toErrorPayload } from './error';
import { BRIDGE_EVENTS, type BridgeEvent, type EventDataOf } from './events';
import { BRIDGE_METHODS, isBridgeMethod, type BridgeHandlers, type BridgeMethod, type HandlerContext } from './methods';
import { RequestIdSchema, RequestSchema, type BridgeResponse, type BridgeScope } from './protocol';

/** The part of a MessagePort the bridge uses (DOM and Node ports both fit). */
export interface BridgePort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

export interface PortServerOptions {
  appId: string;
  handlers: BridgeHandlers;
  /**
   * Is `scope` granted to this app for this user? Ask the user on first use here; resolve `false` when denied.
   * Default: every scope is denied (fail closed).
   */
  checkScope?: (scope: BridgeScope, info: { appId: string; method: BridgeMethod }) => boolean | Promise<boolean>;
  /** Unexpected problems (handler crashes, malformed messages, bad results): log them, never forward them. */
  onError?: (error: unknown, info: { requestId?: string; method?: string }) => void;
  /** Requests served at once before answering `rate_limited` (default 32). */
  maxInFlight?: number;
}

export interface PortServer {
  /** Sends a typed event to the mini-program; `false` when the data does not match its schema or the port closed. */
  emit<E extends BridgeEvent>(name: E, data: EventDataOf<E>): boolean;
  close(): void;
}

type AnyHandler = (params: unknown, ctx: HandlerContext) => Promise<unknown>;

/**
 * Serves bridge requests arriving on `port` (the host's end of the MessageChannel). Every request that carries a
 * usable id gets exactly one response: envelope → method → params → scope → handler → result, each step validated.
 */
export function servePort(port: BridgePort, options: PortServerOptions): PortServer {
  const { appId, handlers, onError = () => {}, maxInFlight = 32 } = options;
  const checkScope = options.checkScope ?? (() => false);
  const aborter = new AbortController();
  let inFlight = 0;

  const send = (message: BridgeResponse | { type: 'event'; name: string; data: unknown }): boolean => {
    if (aborter.signal.aborted) return false;
    port.postMessage(message);
    return true;
  };
  const fail = (id: string, code: ErrorCode, message: string) =>
    send({ type: 'response', id, ok: false, error: { code, message } });

  async function serve(id: string, method: BridgeMethod, rawParams: unknown): Promise<void> {
    const spec = BRIDGE_METHODS[method];
    const params = spec.params.safeParse(rawParams);
    if (!params.success) {
      const issue = params.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      fail(id, 'validation_failed', `Invalid params for ${method}: ${where}${issue?.message ?? 'invalid'}`);
      return;
    }
    if (spec.scope !== null && !(await checkScope(spec.scope, { appId, method }))) {
      fail(id, 'scope_denied', `Scope "${spec.scope}" was not granted`);
      return;
    }
    const handler = (handlers as Partial<Record<string, AnyHandler>>)[method];
    if (typeof handler !== 'function') {
      fail(id, 'unknown_method', `Method ${method} is not available in this host`);
      return;
    }
    const raw = await handler(params.data, { appId, method, requestId: id, signal: aborter.signal });
    const result = spec.result.safeParse(raw);
    if (!result.success) {
      onError(new Error(`Handler for ${method} returned an invalid result: ${result.error.message}`), {
        requestId: id,
        method,
      });
      fail(id, 'internal', 'Internal error');
      return;
    }
    send({ type: 'response', id, ok: true, result: result.data });
  }

  async function onRequest(data: unknown): Promise<void> {
    const request = RequestSchema.safeParse(data);
    if (!request.success) {
      // Answer whatever can be answered (matrix-widget-api: no request left hanging); drop the rest.
      const id = RequestIdSchema.safeParse((data as { id?: unknown } | null)?.id);
      onError(new Error(`Malformed bridge message: ${request.error.message}`), {});
      if (id.success && (data as { type?: unknown }).type === 'request')
        fail(id.data, 'validation_failed', 'Malformed request');
      return;
    }
    const { id, method } = request.data;
    if (!isBridgeMethod(method)) {
      fail(id, 'unknown_method', `Unknown method: ${method}`);
      return;
    }
    if (inFlight >= maxInFlight) {
      fail(id, 'rate_limited', 'Too many requests in flight');
      return;
    }
    inFlight++;
    try {
      await serve(id, method, request.data.params);
    } catch (error) {
      const { payload, expected } = toErrorPayload(error);
      if (!expected) onError(error, { requestId: id, method });
      fail(id, payload.code, payload.message);
    } finally {
      inFlight--;
    }
  }

  const listener = (event: { data: unknown }) => void onRequest(event.data);
  port.addEventListener('message', listener);
  port.start();

  return {
    emit(name, data) {
      const parsed = BRIDGE_EVENTS[name].safeParse(data);
      if (!parsed.success) {
        onError(new Error(`Invalid data for event ${name}: ${parsed.error.message}`), {});
        return false;
      }
      return send({ type: 'event', name, data: parsed.data });
    },
    close() {
      if (aborter.signal.aborted) return;
      aborter.abort();
      port.removeEventListener('message', listener);
      port.close();
    },
  };
}
