import { servePort, type BridgePort, type PortServer, type PortServerOptions } from './port-server';
import { type BridgeEvent, type EventDataOf } from './events';
import {
  BRIDGE_NS,
  BRIDGE_PROTOCOL_VERSION,
  HelloSchema,
  ReadySchema,
  type LaunchContext,
  type LaunchContextInput,
  type Ready,
} from './protocol';

/** The fields of a DOM `MessageEvent` the handshake reads. */
export interface WindowMessageEvent {
  data: unknown;
  origin: string;
  source: unknown;
  ports?: readonly unknown[];
}

/** The host's own window (a DOM `Window` fits): where the iframe's hello arrives. */
export interface HostWindowLike {
  addEventListener(type: 'message', listener: (event: WindowMessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: WindowMessageEvent) => void): void;
}

/**
 * The iframe's window as the host sees it (`iframe.contentWindow`). `transfer` is `never[]` so a DOM `Window`
 * (whose list is `Transferable[]`) fits without the DOM lib in shared/.
 */
export interface FrameWindowLike {
  postMessage(message: unknown, targetOrigin: string, transfer: never[]): void;
}

export interface HostBridgeOptions extends Omit<PortServerOptions, 'appId'> {
  /** `() => iframe.contentWindow`: read at hello time, so the bridge may be created before the iframe loads. */
  getFrameWindow: () => FrameWindowLike | null | undefined;
  /** The app's own origin, from `GET /api/miniapps/:appId/launch` (`origin`). Never the host's origin. */
  appOrigin: string;
  /** This host's origin (`location.origin`): checked to differ from `appOrigin`. */
  hostOrigin: string;
  /** The launch context; `sdkVersion` is filled from the hello. */
  context: Omit<LaunchContextInput, 'sdkVersion'>;
  /** Called once the port is live. */
  onConnect?: (context: LaunchContext) => void;
  /** Defaults to `globalThis` (the browser window). */
  window?: HostWindowLike;
  /** Defaults to `new MessageChannel()`. */
  createChannel?: () => { port1: BridgePort; port2: unknown };
}

export interface HostBridge {
  /** True once the handshake is done (and until dispose). */
  readonly connected: boolean;
  /** Sends an event to the mini-program; `false` before the handshake, after dispose or on invalid data. */
  emit<E extends BridgeEvent>(name: E, data: EventDataOf<E>): boolean;
  /** Stops listening, closes the port and aborts running handlers' signals. */
  dispose(): void;
}

/** An exact `scheme://host[:port]` with no path: what `event.origin` looks like. */
export function isExactOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const defaultChannel = () => new MessageChannel() as unknown as { port1: BridgePort; port2: unknown };

/**
 * The host side of the bridge for one iframe (one launch). Accepts exactly one hello — from that iframe's window
 * (`event.source`), shaped right, from the app's exact origin, checked in that order (penpal) — then transfers a
 * MessagePort with `ready` posted to the app origin (never `"*"`), stops listening on the window and serves the port.
 * A later hello (even from the same frame) is ignored, so nobody can swap the port; an iframe that reloads needs a
 * new bridge: dispose this one and create another on the iframe's `load`.
 *
 * @example
 * const bridge = createHostBridge({
 *   getFrameWindow: () => iframe.contentWindow,
 *   appOrigin: launch.origin,
 *   hostOrigin: location.origin,
 *   context: { appId, locale: 'zh-CN', theme: 'light', launchQuery: {}, hostVersion: '1.0.0' },
 *   handlers,
 *   checkScope: (scope) => consents.ensure(appId, scope),
 *   onError: (err) => log.warn(err),
 * });
 */
export function createHostBridge(options: HostBridgeOptions): HostBridge {
  const { getFrameWindow, appOrigin, hostOrigin, onConnect, createChannel = defaultChannel } = options;
  if (!isExactOrigin(appOrigin)) throw new TypeError(`appOrigin must be an exact http(s) origin, got "${appOrigin}"`);
  if (appOrigin === hostOrigin) throw new TypeError('A mini-program must never run on the host origin');
  // Parse the context now: a host misconfiguration fails at creation, not inside the iframe.
  const hostContext = ReadySchema.shape.context.omit({ sdkVersion: true }).parse(options.context);
  const win = options.window ?? (globalThis as unknown as HostWindowLike);

  let server: PortServer | null = null;
  let disposed = false;

  const onMessage = (event: WindowMessageEvent) => {
    if (server || disposed) return;
    const frame = getFrameWindow();
    if (!frame || event.source !== frame) return; // 1. the iframe's own window
    const hello = HelloSchema.safeParse(event.data); // 2. shape
    if (!hello.success) return;
    if (event.origin !== appOrigin) return; // 3. the app's exact origin (look-alikes differ as strings)

    const context: LaunchContext = { ...hostContext, sdkVersion: hello.data.sdkVersion ?? 'unknown' };
    const { port1, port2 } = createChannel();
    server = servePort(port1, { ...options, appId: context.appId });
    win.removeEventListener('message', onMessage); // after the handshake, only the port
    const ready: Ready = { ns: BRIDGE_NS, v: BRIDGE_PROTOCOL_VERSION, type: 'ready', context };
    frame.postMessage(ready, appOrigin, [port2 as never]);
    onConnect?.(context);
  };
  win.addEventListener('message', onMessage);

  return {
    get connected() {
      return server !== null && !disposed;
    },
    emit(name, data) {
      return !disposed && server !== null && server.emit(name, data);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      win.removeEventListener('message', onMessage);
      server?.close();
    },
  };
}
