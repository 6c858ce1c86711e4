import type { HelloOrder } from '../../../common/api';
import { waitForOrder, type App } from '../app';
import { backend } from '../backend';
import { h, yuan } from '../dom';
import { t, type StringKey } from '../i18n';
import type { Page } from './page';

const AMOUNTS_FEN = [1, 50];

/** Backend creates the order → host cashier (`payment.request`) → the webhook marks it paid on the backend. */
async function pay(app: App, amountFen: number): Promise<void> {
  await app.logIn();
  app.order = await backend.createOrder(amountFen);
  app.render();
  const { status } = await app.bridge.call('payment.request', { orderId: app.order.orderId });
  await app.toast(status === 'paid' ? t('paid') : t('cancelled'), status === 'paid' ? 'success' : 'info');
  // `paid` from the bridge is a hint for the UI; the backend believes only the signed webhook.
  if (status === 'paid') await waitForOrder(app, (o) => o.status !== 'pending');
}

async function refund(app: App, order: HelloOrder): Promise<void> {
  app.order = await backend.refund(order.orderId);
  app.render();
  await waitForOrder(app, (o) => o.status === 'refunded');
  if (app.order?.status === 'refunded') await app.toast(t('refunded'), 'success');
}

function orderCard(app: App, order: HelloOrder): HTMLElement {
  const row = (label: string, value: string) => h('div', { class: 'row' }, h('span', {}, label), h('b', {}, value));
  return h(
    'div',
    { class: 'card' },
    h('h2', {}, t('order', { id: order.orderId.slice(-6) })),
    row(t('amount'), `¥${yuan(order.amountFen)}`),
    row(t('status'), t(`status.${order.status}` as StringKey)),
    order.refundedFen ? row(t('refunded'), `¥${yuan(order.refundedFen)}`) : null,
    row(t('events'), order.events.map((e) => e.type).join(', ') || t('none')),
    order.refundRequested && order.status !== 'refunded' ? h('p', { class: 'muted' }, t('refundRequested')) : null,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          onclick: () =>
            void app.run(async () => {
              app.order = await backend.order(order.orderId);
            }),
        },
        t('refresh'),
      ),
      order.status === 'paid' && !order.refundRequested
        ? h('button', { class: 'danger', onclick: () => void app.run(() => refund(app, order)) }, t('refund'))
        : null,
    ),
  );
}

export function payPage(app: App): Page {
  return {
    path: '/pay',
    title: t('payTitle'),
    mainButton: { text: t('pay', { amount: yuan(AMOUNTS_FEN[0]!) }), onClick: () => void app.run(() => pay(app, 1)) },
    render: () =>
      h(
        'section',
        {},
        h('h1', {}, t('payTitle')),
        h('p', { class: 'muted' }, t('payHint')),
        h(
          'div',
          { class: 'actions' },
          ...AMOUNTS_FEN.map((fen) =>
            h(
              'button',
              { class: 'primary', onclick: () => void app.run(() => pay(app, fen)) },
              t('pay', { amount: yuan(fen) }),
            ),
          ),
        ),
        app.order ? orderCard(app, app.order) : null,
      ),
  };
}
