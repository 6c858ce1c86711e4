import { isBridgeError, type MiniAppBridge } from '@app/miniapp-sdk';
import type { HelloOrder, SessionResponse } from '../../common/api';
import { backend, savedSession } from './backend';
import { t } from './i18n';

/** What every page reads and changes; `render()` redraws the current page after a change. */
export interface App {
  bridge: MiniAppBridge;
  /** `undefined` while asking, `null` when the person declined to share it. */
  nickname: string | null | undefined;
  session: SessionResponse | undefined;
  order: HelloOrder | undefined;
  render(): void;
  /** Runs an action; failures become an error toast instead of an unhandled rejection. */
  run(action: () => Promise<void>): Promise<void>;
  logIn(): Promise<SessionResponse>;
  toast(text: string, kind?: 'info' | 'success' | 'error'): Promise<void>;
}

export function createApp(bridge: MiniAppBridge, render: () => void): App {
  const app: App = {
    bridge,
    nickname: undefined,
    session: savedSession(),
    order: undefined,
    render,
    async run(action) {
      try {
        await action();
      } catch (err) {
        if (isBridgeError(err) && err.code === 'cancelled') return;
        const message = err instanceof Error ? err.message : String(err);
        await app.toast(t('failed', { message: message.slice(0, 150) }), 'error').catch(() => undefined);
      } finally {
        app.render();
      }
    },
    async logIn() {
      if (app.session) return app.session;
      const { code } = await bridge.call('auth.login');
      app.session = await backend.logIn(code);
      app.render();
      return app.session;
    },
    toast: async (text, kind = 'info') => {
      await bridge.call('ui.toast', { text, kind });
    },
  };
  return app;
}

/** Asks the backend again until `done(order)` or ~15 s pass: the status changes when the webhook arrives. */
export async function waitForOrder(app: App, done: (order: HelloOrder) => boolean): Promise<void> {
  for (let i = 0; i < 30 && app.order && !done(app.order); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    app.order = await backend.order(app.order.orderId);
    app.render();
  }
}
