/// <reference lib="dom" />
import {
  BRIDGE_METHOD_NAMES,
  BridgeError,
  createHostBridge,
  isExactOrigin,
  type BridgeHandlers,
  type BridgeMethod,
} from '@app/shared/bridge';
import { APP_ID, APP_ORIGIN_PARAM, PRECISE_PARAM } from './api';

/**
 * The benchmark's host page (http://localhost:<hostPort>): embeds the app origin in an iframe sandboxed exactly like
 * the product (DESIGN §6) and serves it with the real `createHostBridge`. After the handshake it also hands the
 * iframe a second, bare MessagePort that echoes every message: the raw baseline between the same two frames.
 */
const query = new URL(location.href).searchParams;
const appOrigin = query.get(APP_ORIGIN_PARAM) ?? '';
if (!isExactOrigin(appOrigin)) throw new Error(`Bad ?${APP_ORIGIN_PARAM}=`);

let lastTitle = '';
const unsupported = async (): Promise<never> => {
  throw new BridgeError('unknown_method', 'Not served by the benchmark host');
};
// The handlers do no DOM work (no document.title), so the numbers are the bridge's, not the handler's.
const served: Pick<BridgeHandlers, 'ui.setTitle' | 'system.getInfo'> = {
  'ui.setTitle': async ({ title }) => {
    lastTitle = title;
    return {};
  },
  'system.getInfo': async () => ({
    platform: 'web',
    locale: 'en',
    theme: 'light',
    sdkVersion: '0.1.0',
    screen: { width: screen.width, height: screen.height },
  }),
};
const handlers: BridgeHandlers = {
  ...(Object.fromEntries(BRIDGE_METHOD_NAMES.map((name) => [name, unsupported])) as Record<
    BridgeMethod,
    typeof unsupported
  >),
  ...served,
};

const iframe = document.createElement('iframe');
iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
// The product's `allow=""`; the precise-timer mode delegates cross-origin isolation and nothing else.
iframe.setAttribute('allow', query.has(PRECISE_PARAM) ? 'cross-origin-isolated' : '');
iframe.src = `${appOrigin}/?__host=${encodeURIComponent(location.origin)}`;

createHostBridge({
  getFrameWindow: () => iframe.contentWindow,
  appOrigin,
  hostOrigin: location.origin,
  context: { appId: APP_ID, locale: 'en', theme: 'light', launchQuery: {}, hostVersion: '0.0.0' },
  handlers,
  onError: (error) => reportError(error),
  onConnect: () => document.body.setAttribute('data-connected', lastTitle || 'yes'),
});

// The raw port is handed out once, on the same checks the bridge makes for its hello.
const onRawRequest = (event: MessageEvent) => {
  if (event.source !== iframe.contentWindow || event.origin !== appOrigin) return;
  if ((event.data as { bench?: unknown } | null)?.bench !== 'raw-port') return;
  window.removeEventListener('message', onRawRequest);
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = (e: MessageEvent<{ id: string }>) =>
    port1.postMessage({ type: 'response', id: e.data.id, ok: true, result: {} });
  iframe.contentWindow?.postMessage({ bench: 'raw-port' }, appOrigin, [port2]);
};
window.addEventListener('message', onRawRequest);
document.body.append(iframe);
