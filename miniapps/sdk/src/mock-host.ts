import {
  methodVersions,
  servePort,
  type BridgeEvent,
  type BridgeHandlers,
  type BridgeMethod,
  type BridgePort,
  type BridgeScope,
  type EventDataOf,
  type LaunchContext,
} from '@app/shared/bridge';
import { createBridgeClient, type MiniAppBridge } from './call';
import { mockStorageAndDevice } from './mock-storage';
import { type PortLike } from './transport';
import { SDK_VERSION } from './version';

export interface MockHostOptions {
  /** Replace any default answer (defaults: logged in, paid, shared, accepted, …). */
  handlers?: Partial<BridgeHandlers>;
  context?: Partial<LaunchContext>;
  /** Scopes the pretend user granted (default: all). */
  grantedScopes?: readonly BridgeScope[];
  /** Default call timeout for the returned bridge. */
  timeoutMs?: number;
  /** What `storage.*` starts with (default: empty); the mock keeps it in `host.storage`. */
  storage?: Iterable<[string, string]>;
}

export interface MockHost {
  /** A connected bridge, exactly like the one `connect()` resolves to. */
  bridge: MiniAppBridge;
  /** Every call the host served, in order (after params validation). */
  calls: { method: BridgeMethod; params: unknown }[];
  /** The mock's `storage.*` data for this app, to seed or inspect in tests. */
  storage: Map<string, string>;
  /** Pretend the host sent an event (e.g. the main button was tapped). */
  emit<E extends BridgeEvent>(name: E, data: EventDataOf<E>): boolean;
  dispose(): void;
}

const ALL_SCOPES: readonly BridgeScope[] = ['profile', 'payment.debit', 'location', 'camera'];

function defaultHandlers(context: LaunchContext, storage: Map<string, string>): BridgeHandlers {
  return {
    ...mockStorageAndDevice(storage),
    'auth.login': async () => ({ code: `mock-code-${Date.now().toString(36)}` }),
    'user.getProfile': async () => ({ nickname: 'Mock User', avatarUrl: null }),
    'payment.request': async () => ({ status: 'paid' }),
    'payment.signDebitAgreement': async () => ({ status: 'signed', agreementId: 'mock-agreement' }),
    'share.toChat': async () => ({ status: 'shared' }),
    'subscribe.request': async ({ templateIds }) => ({
      results: Object.fromEntries(templateIds.map((id) => [id, 'accept' as const])),
    }),
    'navigate.toMiniProgram': async () => ({ status: 'opened' }),
    'ui.setTitle': async () => ({}),
    'ui.setMainButton': async () => ({}),
    'ui.close': async () => ({}),
    'ui.toast': async () => ({}),
    'system.getInfo': async () => ({
      platform: 'web',
      locale: context.locale,
      theme: context.theme,
      sdkVersion: SDK_VERSION,
      screen: { width: 390, height: 844 },
    }),
    'location.get': async () => ({ latitude: 39.9042, longitude: 116.4074, accuracy: 20 }),
    // As if the person scanned a code; override to test `cancelled` or your parsing of real codes.
    'scan.code': async () => ({ status: 'scanned', text: 'https://example.com/mock-scan' }),
    'page.report': async () => ({}),
  };
}

/**
 * An in-memory host for developing and testing a mini-program outside the messenger: a real MessageChannel, the
 * real host-side request handling from `@app/shared` (validation, scopes, error codes) and canned answers you can
 * override per method.
 *
 * @example
 * const host = createMockHost({
 *   handlers: { 'payment.request': async () => ({ status: 'cancelled' }) },
 *   grantedScopes: [],
 * });
 * await expect(host.bridge.call('location.get')).rejects.toMatchObject({ code: 'scope_denied' });
 * host.emit('mainButton.clicked', {});
 * host.dispose();
 */
export function createMockHost(options: MockHostOptions = {}): MockHost {
  const context: LaunchContext = {
    appId: 'mpmock000000',
    locale: 'en',
    theme: 'light',
    launchQuery: {},
    sdkVersion: SDK_VERSION,
    hostVersion: 'mock',
    methods: methodVersions(),
    config: {},
    ...options.context,
  };
  const granted = new Set(options.grantedScopes ?? ALL_SCOPES);
  const calls: MockHost['calls'] = [];
  const storage = new Map(options.storage);
  const merged = { ...defaultHandlers(context, storage), ...options.handlers };
  const recorded = Object.fromEntries(
    Object.entries(merged).map(([method, handler]) => [
      method,
      (params: never, ctx: never) => {
        calls.push({ method: method as BridgeMethod, params });
        return (handler as (p: never, c: never) => Promise<unknown>)(params, ctx);
      },
    ]),
  ) as unknown as BridgeHandlers;

  const { port1, port2 } = new MessageChannel();
  const server = servePort(port1 as BridgePort, {
    appId: context.appId,
    handlers: recorded,
    checkScope: (scope) => granted.has(scope),
  });
  const bridge = createBridgeClient(port2 as PortLike, context, { timeoutMs: options.timeoutMs });
  return {
    bridge,
    calls,
    storage,
    emit: (name, data) => server.emit(name, data),
    dispose() {
      bridge.close();
      server.close();
    },
  };
}
