import type { Launch } from '@app/shared';
import { BridgeError, type BridgeHandlers, type ResultOf } from '@app/shared/bridge';
import { currentLocale } from '../../../lib/i18n';
import { sessionStore } from '../../auth/session.store';
import { CashierSheet } from '../dialogs/CashierSheet';
import { DebitDialog } from '../dialogs/DebitDialog';
import { NavigateDialog } from '../dialogs/NavigateDialog';
import { SharePicker } from '../dialogs/SharePicker';
import { SubscribeDialog, type SubscribeResults } from '../dialogs/SubscribeDialog';
import { fetchLoginCode, fetchMe, fetchOrder, saveSubscriptions } from '../miniapps.api';
import { deviceHandlers } from './device';
import { deviceKeys } from './device-keys';
import { ScanSheet } from '../scan/ScanSheet';
import type { DialogQueue } from './dialog-queue';
import { currentPosition } from './location';
import { sendMiniAppCard } from './share';
import { storageHandlers } from './storage';

export interface MainButtonState {
  text: string;
  visible: boolean;
  enabled: boolean;
}

/** What the handlers may change on the host page. */
export interface HostUi {
  setTitle(title: string): void;
  setMainButton(state: MainButtonState): void;
  toast(text: string, kind: 'info' | 'success' | 'error'): void;
  /** Leaves the mini-program (after the answer went out). */
  close(): void;
  /** Opens another mini-program (after the answer went out). */
  openApp(appId: string, path?: string): void;
  /** The page the app says the person is on (`page.report`): what ··· → Share sends. */
  setPage(path: string): void;
}

export interface HandlerDeps {
  launch: Launch;
  dialogs: DialogQueue;
  ui: HostUi;
  sdkVersion: () => string;
}

const signedInUserId = () => {
  const session = sessionStore.get();
  return session.status === 'authenticated' ? session.user.id : null;
};

/** After the response: a handler that navigates away would otherwise dispose the bridge before it answers. */
const later = (fn: () => void) => setTimeout(fn, 0);

/** A relative avatar (`/media/…`) becomes absolute: the bridge only hands out http(s) URLs. */
function absoluteUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const absolute = new URL(url, location.origin);
    return absolute.protocol === 'http:' || absolute.protocol === 'https:' ? absolute.href : null;
  } catch {
    return null;
  }
}

/**
 * The host side of every bridge method (BridgeHandlers: a missing method does not compile). Dialog methods open
 * host-drawn dialogs through the queue; amounts, app names and order details come from the server, never from params.
 */
export function createHandlers({ launch, dialogs, ui, sdkVersion }: HandlerDeps): BridgeHandlers {
  const { app } = launch;
  return {
    'auth.login': async (_params, ctx) => ({ code: await fetchLoginCode(ctx.appId) }),

    'user.getProfile': async () => {
      const me = await fetchMe();
      return { nickname: me.displayName, avatarUrl: absoluteUrl(me.avatarUrl) };
    },

    'payment.request': async ({ orderId }, ctx) => {
      const order = await fetchOrder(orderId);
      if (order.appId !== ctx.appId) throw new BridgeError('not_found', 'Order not found');
      if (order.status !== 'pending') throw new BridgeError('order_not_payable', `The order is ${order.status}`);
      if (Date.parse(order.expiresAt) <= Date.now())
        throw new BridgeError('order_not_payable', 'The order has expired');
      const status = await dialogs.open<'paid' | 'cancelled'>(
        (finish) => <CashierSheet order={order} onDone={finish} />,
        ctx.signal,
      );
      return { status };
    },

    'payment.signDebitAgreement': (params, ctx) =>
      dialogs.open<ResultOf<'payment.signDebitAgreement'>>(
        (finish) => (
          <DebitDialog
            app={app}
            monthlyLimitFen={params.monthlyLimitFen}
            description={params.description}
            onDone={finish}
          />
        ),
        ctx.signal,
      ),

    'share.toChat': async (params, ctx) => {
      const shared = await dialogs.open<boolean>(
        (finish) => (
          <SharePicker
            title={params.title}
            onSend={async (conversationId) => {
              await sendMiniAppCard(conversationId, { appId: ctx.appId, ...params });
              finish(true);
            }}
            onCancel={() => finish(false)}
          />
        ),
        ctx.signal,
      );
      return { status: shared ? 'shared' : 'cancelled' };
    },

    'subscribe.request': async ({ templateIds }, ctx) => {
      // The dialog shows what the manifest declares (reviewed with the package), never an id the iframe made up.
      const declared = new Map(launch.subscribeTemplates.map((template) => [template.id, template]));
      const undeclared = templateIds.filter((id) => !declared.has(id));
      if (undeclared.length)
        throw new BridgeError(
          'template_not_declared',
          `Declare ${undeclared.join(', ')} in miniapp.json subscribeTemplates (reviewed with the package)`,
        );
      const templates = templateIds.map((id) => declared.get(id)!);
      const answer = await dialogs.open<SubscribeResults | null>(
        (finish) => <SubscribeDialog appName={app.name} templates={templates} onDone={finish} />,
        ctx.signal,
      );
      if (!answer) return { results: Object.fromEntries(templateIds.map((id) => [id, 'reject' as const])) };
      await saveSubscriptions({ appId: ctx.appId, results: answer });
      return { results: answer };
    },

    'navigate.toMiniProgram': async ({ appId, path }, ctx) => {
      const go = await dialogs.open<boolean>(
        (finish) => <NavigateDialog fromName={app.name} onAnswer={finish} />,
        ctx.signal,
      );
      if (!go) return { status: 'cancelled' };
      later(() => ui.openApp(appId, path));
      return { status: 'opened' };
    },

    'ui.setTitle': async ({ title }) => {
      ui.setTitle(title);
      return {};
    },
    'ui.setMainButton': async ({ text, visible, enabled = true }) => {
      ui.setMainButton({ text, visible, enabled });
      return {};
    },
    'ui.close': async () => {
      later(() => ui.close());
      return {};
    },
    'ui.toast': async ({ text, kind = 'info' }) => {
      ui.toast(text, kind);
      return {};
    },
    'system.getInfo': async () => ({
      platform: 'web',
      locale: currentLocale(),
      theme: 'light',
      sdkVersion: sdkVersion(),
      screen: { width: Math.round(window.innerWidth), height: Math.round(window.innerHeight) },
    }),
    'location.get': (_params, ctx) => currentPosition(ctx.signal),
    ...storageHandlers(),
    ...deviceHandlers({ keys: deviceKeys, userId: signedInUserId }),
    // The camera stays in the host page: the sheet decodes and only the text goes back (the iframe's allow is empty).
    'scan.code': ({ hint }, ctx) =>
      dialogs.open<ResultOf<'scan.code'>>((finish) => <ScanSheet app={app} hint={hint} onDone={finish} />, ctx.signal),
    'page.report': async ({ path }) => {
      ui.setPage(path);
      return {};
    },
  };
}
