import type { App } from '../app';
import { h, shortId } from '../dom';
import { t } from '../i18n';
import type { Page } from './page';

export function homePage(app: App): Page {
  const name = app.nickname ?? t('friend');
  return {
    path: '/',
    title: t('title'),
    render: () =>
      h(
        'section',
        {},
        h('h1', {}, t('hello', { name })),
        app.nickname === null ? h('p', { class: 'muted' }, t('profileDenied')) : null,
        h(
          'div',
          { class: 'card' },
          h('p', {}, app.session ? t('loggedInAs', { id: shortId(app.session.openId) }) : t('notLoggedIn')),
          app.session
            ? null
            : h(
                'button',
                { class: 'primary', onclick: () => void app.run(async () => void (await app.logIn())) },
                t('login'),
              ),
        ),
        h(
          'nav',
          { class: 'links' },
          h('a', { href: '#/pay' }, t('payPage')),
          h('a', { href: '#/notify' }, t('notifyPage')),
        ),
        h('button', { onclick: () => void app.run(() => app.toast(t('toastText'), 'success')) }, t('toast')),
      ),
  };
}
