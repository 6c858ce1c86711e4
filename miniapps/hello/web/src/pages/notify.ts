import { HELLO_TEMPLATE_ID } from '../../../common/api';
import type { App } from '../app';
import { backend } from '../backend';
import { h } from '../dom';
import { t } from '../i18n';
import type { Page } from './page';

/** `subscribe.request` asks for one message; the backend spends it with `POST /openapi/v1/messages/subscribe`. */
export function notifyPage(app: App): Page {
  const subscribe = () =>
    app.run(async () => {
      const { results } = await app.bridge.call('subscribe.request', { templateIds: [HELLO_TEMPLATE_ID] });
      const accepted = results[HELLO_TEMPLATE_ID] === 'accept';
      await app.toast(accepted ? t('subscribeAccepted') : t('subscribeRejected'), accepted ? 'success' : 'info');
    });
  const notify = () =>
    app.run(async () => {
      await app.logIn();
      await backend.notify();
      await app.toast(t('notified'), 'success');
    });
  return {
    path: '/notify',
    title: t('notifyPage'),
    render: () =>
      h(
        'section',
        {},
        h('h1', {}, t('notifyPage')),
        h(
          'div',
          { class: 'actions column' },
          h('button', { onclick: () => void subscribe() }, t('subscribe')),
          h('button', { class: 'primary', onclick: () => void notify() }, t('notify')),
        ),
      ),
  };
}
