import { BridgeError, fromErrorPayload, HostToAppSchema } from '@app/shared/bridge';

/** The part of a MessagePort the SDK uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

export interface RequestOptions {
  /** `null`: wait as long as it takes (dialogs). */
  timeoutMs: number | null;
  signal?: AbortSignal;
}

export interface Transport {
  request(method: string, params: unknown, options: RequestOptions): Promise<unknown>;
  /** Rejects every pending request with `cancelled` and closes the port. */
  close(): void;
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: BridgeError) => void;
}

/**
 * Request/response over the port: ids, timeouts, aborts. Inbound messages are parsed with the shared envelope
 * schema; anything else (or a response to an id we no longer wait for) is dropped.
 */
export function createTransport(port: PortLike, onEvent: (name: string, data: unknown) => void): Transport {
  const pending = new Map<string, Pending>();
  let seq = 0;
  let closed = false;

  const listener = (event: { data: unknown }) => {
    const parsed = HostToAppSchema.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'event') {
      onEvent(message.name, message.data);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(fromErrorPayload(message.error));
  };
  port.addEventListener('message', listener);
  port.start();

  return {
    request(method, params, { timeoutMs, signal }) {
      if (closed) return Promise.reject(new BridgeError('cancelled', 'The bridge is closed'));
      if (signal?.aborted) return Promise.reject(new BridgeError('cancelled', `${method} was aborted`));
      const id = `${Date.now().toString(36)}-${++seq}`;
      return new Promise<unknown>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => settle(() => reject(new BridgeError('cancelled', `${method} was aborted`)));
        const settle = (finish: () => void) => {
          pending.delete(id);
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          finish();
        };
        pending.set(id, {
          resolve: (result) => settle(() => resolve(result)),
          reject: (error) => settle(() => reject(error)),
        });
        if (timeoutMs !== null) {
          const message = `${method} got no answer within ${timeoutMs} ms`;
          timer = setTimeout(() => settle(() => reject(new BridgeError('bridge_timeout', message))), timeoutMs);
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        port.postMessage({ type: 'request', id, method, params });
      });
    },
    close() {
      if (closed) return;
      closed = true;
      port.removeEventListener('message', listener);
      port.close();
      for (const waiter of [...pending.values()]) waiter.reject(new BridgeError('cancelled', 'The bridge was closed'));
    },
  };
}
