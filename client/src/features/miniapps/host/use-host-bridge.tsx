import type { Launch } from '@app/shared';
import { createHostBridge, HOST_ORIGIN_PARAM, methodVersions, type HostBridge } from '@app/shared/bridge';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { currentLocale } from '../../../lib/i18n';
import { ConsentDialog } from '../dialogs/ConsentDialog';
import { fetchConsents, saveConsent } from '../miniapps.api';
import { createConsentChecker } from './consent';
import type { DialogQueue } from './dialog-queue';
import { createHandlers, type HostUi } from './handlers';

export const HOST_VERSION = '1.1.0';

export type BridgeState = 'loading' | 'connected';

/** The launch URL's query minus the bridge's own parameter: what the app reads as `context.launchQuery`. */
export function launchQueryOf(url: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) if (key !== HOST_ORIGIN_PARAM && key) query[key] = value;
  return query;
}

interface Options {
  launch: Launch | null;
  frame: RefObject<HTMLIFrameElement | null>;
  dialogs: DialogQueue;
  ui: HostUi;
}

/**
 * One host bridge per document the iframe loads: created with the launch, disposed and created again on every
 * `load` after the first (a reloaded iframe handshakes again; the old port and its dialogs go away), disposed on
 * unmount. Forwards the page's visibility as `visibility.changed`.
 */
export function useHostBridge({ launch, frame, dialogs, ui }: Options) {
  const [state, setState] = useState<BridgeState>('loading');
  const bridge = useRef<HostBridge | null>(null);
  const loads = useRef(0);
  const recreate = useRef<() => void>(() => {});
  const uiRef = useRef(ui);
  useEffect(() => {
    uiRef.current = ui;
  });

  useEffect(() => {
    if (!launch) return;
    let controller = new AbortController();
    let sdkVersion = 'unknown';
    let live = true;
    // Nothing a handler scheduled may touch the page once it is gone, and only the first close/open leaves it.
    let leaving = false;
    const leave = (go: () => void) => {
      if (!live || leaving) return;
      leaving = true;
      go();
    };
    const proxyUi: HostUi = {
      setTitle: (t) => live && uiRef.current.setTitle(t),
      setMainButton: (s) => live && uiRef.current.setMainButton(s),
      toast: (text, kind) => live && uiRef.current.toast(text, kind),
      close: () => leave(() => uiRef.current.close()),
      openApp: (appId, path) => leave(() => uiRef.current.openApp(appId, path)),
      setPage: (path) => live && uiRef.current.setPage(path),
    };
    const handlers = createHandlers({ launch, dialogs, ui: proxyUi, sdkVersion: () => sdkVersion });

    const create = () => {
      controller = new AbortController();
      const signal = controller.signal;
      const checkScope = createConsentChecker({
        appId: launch.app.appId,
        declared: launch.scopes,
        load: fetchConsents,
        ask: (scope) =>
          dialogs.open<boolean | null>(
            (finish) => <ConsentDialog app={launch.app} scope={scope} onAnswer={finish} />,
            signal,
          ),
        save: (scope, granted) => saveConsent(launch.app.appId, scope, granted),
      });
      bridge.current = createHostBridge({
        getFrameWindow: () => frame.current?.contentWindow,
        appOrigin: launch.origin,
        hostOrigin: location.origin,
        context: {
          appId: launch.app.appId,
          locale: currentLocale(),
          theme: 'light',
          launchQuery: launchQueryOf(launch.url),
          hostVersion: HOST_VERSION,
          methods: methodVersions(),
          config: launch.config,
        },
        handlers,
        checkScope,
        onConnect: (context) => {
          sdkVersion = context.sdkVersion;
          setState('connected');
        },
        onError: (err) => {
          // A mini-program's malformed messages are its own problem; a developer running the host wants to see them.
          // eslint-disable-next-line no-console
          if (import.meta.env.DEV) console.warn('mini-program bridge:', err);
        },
      });
    };
    const dispose = () => {
      controller.abort();
      bridge.current?.dispose();
      bridge.current = null;
    };

    create();
    recreate.current = () => {
      dispose();
      setState('loading');
      create();
    };
    const onVisibility = () =>
      bridge.current?.emit('visibility.changed', { visible: document.visibilityState === 'visible' });
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisibility);
      recreate.current = () => {};
      dispose();
    };
  }, [launch, frame, dialogs]);

  return {
    state,
    emit: ((name, data) => bridge.current?.emit(name, data) ?? false) as HostBridge['emit'],
    /** The iframe's `load` handler. */
    onFrameLoad: () => {
      loads.current += 1;
      if (loads.current > 1) recreate.current();
    },
  };
}
