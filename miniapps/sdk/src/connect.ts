import {
  BRIDGE_NS,
  BRIDGE_PROTOCOL_VERSION,
  BridgeError,
  HOST_ORIGIN_PARAM,
  isExactOrigin,
  ReadySchema,
  type Hello,
} from '@app/shared/bridge';
import { createBridgeClient, DEFAULT_TIMEOUT_MS, type MiniAppBridge } from './call';
import { reportPages } from './page';
import { type PortLike } from './transport';
import { SDK_VERSION } from './version';

/** The fields of a DOM `MessageEvent` the handshake reads. */
export interface SdkMessageEvent {
  data: unknown;
  origin: string;
  source: unknown;
  ports?: readonly unknown[];
}

/** The mini-program's own window (a DOM `Window` fits). */
export interface SdkWindowLike {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  readonly location: { readonly href: string };
  addEventListener(type: 'message', listener: (event: SdkMessageEvent) => void): void;
  addEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
  removeEventListener(type: 'message', listener: (event: SdkMessageEvent) => void): void;
  removeEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
}

export interface ConnectOptions {
  /** The host origin; by default read from the launch URL's `__host` query parameter. */
  hostOrigin?: string;
  /** Handshake timeout and default call timeout (10 s). */
  timeoutMs?: number;
  /** The hello is re-sent this often until the host answers, in case its listener came late (250 ms). */
  helloIntervalMs?: number;
  /** Defaults to the global `window`. */
  window?: SdkWindowLike;
  /**
   * Report the page the person is on to the host (`page.report`, on connect and after every hash or history
   * navigation) so the host's ··· → Share sends that page (default true). Turn it off to call `page.report` yourself.
   */
  reportPage?: boolean;
}

/** Reads the host origin the messenger put in the launch URL. */
export function hostOriginFromUrl(href: string): string | null {
  const value = new URL(href).searchParams.get(HOST_ORIGIN_PARAM);
  return value !== null && isExactOrigin(value) ? value : null;
}

/**
 * Connects to the messenger hosting this mini-program. Posts a hello to `window.parent` with the host origin as the
 * exact targetOrigin, accepts only a `ready` from `window.parent` at that origin, and keeps the MessagePort it
 * carries: all calls and events then use the port. Rejects with `bridge_timeout` if the host never answers, and with
 * `unavailable` outside the messenger (use `createMockHost()` there).
 *
 * @example
 * import { connect } from '@app/miniapp-sdk';
 *
 * const bridge = await connect();
 * document.documentElement.lang = bridge.context.locale;
 * const { code } = await bridge.call('auth.login');
 * await fetch('/api/session', { method: 'POST', body: JSON.stringify({ code }) });
 */
export function connect(options: ConnectOptions = {}): Promise<MiniAppBridge> {
  const win = options.window ?? (globalThis as unknown as SdkWindowLike);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const hostOrigin = options.hostOrigin ?? hostOriginFromUrl(win.location.href);
  const parent = win.parent;
  if (!hostOrigin || !isExactOrigin(hostOrigin)) {
    return Promise.reject(
      new BridgeError('unavailable', `No host origin: launch URL lacks a valid ${HOST_ORIGIN_PARAM}`),
    );
  }
  if (!parent || parent === (win as unknown)) {
    return Promise.reject(new BridgeError('unavailable', 'Not running inside the messenger; use createMockHost()'));
  }

  return new Promise((resolve, reject) => {
    const hello: Hello = { ns: BRIDGE_NS, v: BRIDGE_PROTOCOL_VERSION, type: 'hello', sdkVersion: SDK_VERSION };
    const sendHello = () => parent.postMessage(hello, hostOrigin);
    const cleanup = () => {
      clearTimeout(timer);
      clearInterval(retry);
      win.removeEventListener('message', onMessage);
    };
    const onMessage = (event: SdkMessageEvent) => {
      if (event.source !== parent) return; // 1. our embedder, not a sibling or a child frame
      const ready = ReadySchema.safeParse(event.data); // 2. shape
      if (!ready.success) return;
      if (event.origin !== hostOrigin) return; // 3. the host origin we were launched with
      const port = event.ports?.[0] as PortLike | undefined;
      if (!port) return;
      cleanup();
      const bridge = createBridgeClient(port, ready.data.context, { timeoutMs });
      const stopReports = options.reportPage === false ? () => {} : reportPages(win, bridge);
      resolve({
        ...bridge,
        close: () => {
          stopReports();
          bridge.close();
        },
      });
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new BridgeError('bridge_timeout', `The host did not answer the handshake within ${timeoutMs} ms`));
    }, timeoutMs);
    const retry = setInterval(sendHello, options.helloIntervalMs ?? 250);
    win.addEventListener('message', onMessage);
    sendHello();
  });
}
