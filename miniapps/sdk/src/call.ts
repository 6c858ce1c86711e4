import {
  BRIDGE_EVENTS,
  BRIDGE_METHODS,
  BridgeError,
  isBridgeEvent,
  isBridgeMethod,
  type BridgeEvent,
  type BridgeMethod,
  type EventDataOf,
  type LaunchContext,
  type ParamsInputOf,
  type ResultOf,
} from '@app/shared/bridge';
import { createTransport, type PortLike } from './transport';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface CallOptions {
  /** Overrides the default (10 s; none for dialog methods such as `payment.request`). */
  timeoutMs?: number | null;
  /** Aborting rejects the call with `cancelled` (the host may still finish it). */
  signal?: AbortSignal;
}

/** Params may be left out when the method takes none (`ui.close`, `auth.login`, …). */
export type CallArgs<M extends BridgeMethod> =
  Record<never, never> extends ParamsInputOf<M>
    ? [params?: ParamsInputOf<M>, options?: CallOptions]
    : [params: ParamsInputOf<M>, options?: CallOptions];

export interface MiniAppBridge {
  /** What the host told us at launch: appId, locale, theme, launch query, versions. */
  readonly context: LaunchContext;
  /**
   * Calls a host method; params and result are typed from the shared method table.
   *
   * @example
   * const { status } = await bridge.call('payment.request', { orderId });
   * if (status === 'paid') showReceipt();
   */
  call<M extends BridgeMethod>(method: M, ...args: CallArgs<M>): Promise<ResultOf<M>>;
  /**
   * Whether this host implements `method`, from the method list it sent at launch (`context.methods`). Check it
   * before a method newer than bridge 1.0 (its `since` in the method table) and offer a fallback when it is missing:
   * an older host answers such a call with `unknown_method`. A host that sent no list predates it (bridge 1.0), so
   * then exactly the 1.0 methods are available.
   *
   * @example
   * if (bridge.can('storage.set')) await bridge.call('storage.set', { key: 'cart', value: JSON.stringify(cart) });
   * else keepInMemory(cart);
   */
  can(method: BridgeMethod): boolean;
  /**
   * Listens to a host event; returns the function that stops listening.
   *
   * @example
   * const off = bridge.on('theme.changed', ({ theme }) => applyTheme(theme));
   */
  on<E extends BridgeEvent>(name: E, handler: (data: EventDataOf<E>) => void): () => void;
  /** Closes the port; pending calls reject with `cancelled`. */
  close(): void;
}

type AnyHandler = (data: unknown) => void;

/** `can()` (see MiniAppBridge): the host's list, or the 1.0 table when the host sent none. */
export function hostCan(context: Pick<LaunchContext, 'methods'>, method: string): boolean {
  if (!isBridgeMethod(method)) return false;
  const listed = Object.keys(context.methods).length > 0;
  return listed ? Object.hasOwn(context.methods, method) : BRIDGE_METHODS[method].since === '1.0';
}

/** A connected bridge over an already-handshaken port (used by `connect()` and `createMockHost()`). */
export function createBridgeClient(
  port: PortLike,
  context: LaunchContext,
  defaults: { timeoutMs?: number } = {},
): MiniAppBridge {
  const listeners = new Map<BridgeEvent, Set<AnyHandler>>();
  const transport = createTransport(port, (name, data) => {
    if (!isBridgeEvent(name)) return; // an event from a newer host
    const parsed = BRIDGE_EVENTS[name].safeParse(data);
    if (!parsed.success) return;
    for (const handler of listeners.get(name) ?? []) {
      try {
        handler(parsed.data);
      } catch (error) {
        queueMicrotask(() => {
          throw error; // surface it like a DOM event listener would, without starving the other listeners
        });
      }
    }
  });

  return {
    context,
    can: (method) => hostCan(context, method),
    async call<M extends BridgeMethod>(method: M, ...args: CallArgs<M>): Promise<ResultOf<M>> {
      const [params = {}, options = {}] = args;
      // Untyped callers (plain JS) may pass anything; `toString` is not a method.
      if (!isBridgeMethod(method)) throw new BridgeError('unknown_method', `Unknown method: ${String(method)}`);
      const spec = BRIDGE_METHODS[method];
      const checked = spec.params.safeParse(params);
      if (!checked.success) {
        throw new BridgeError('validation_failed', `Invalid params for ${method}: ${checked.error.issues[0]?.message}`);
      }
      const timeoutMs =
        options.timeoutMs !== undefined
          ? options.timeoutMs
          : spec.dialog
            ? null
            : (defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const raw = await transport.request(method, checked.data, { timeoutMs, signal: options.signal });
      const result = spec.result.safeParse(raw);
      if (!result.success) throw new BridgeError('internal', `The host sent a malformed result for ${method}`);
      return result.data as ResultOf<M>;
    },
    on(name, handler) {
      const set = listeners.get(name) ?? new Set<AnyHandler>();
      listeners.set(name, set);
      set.add(handler as AnyHandler);
      return () => set.delete(handler as AnyHandler);
    },
    close: () => transport.close(),
  };
}
