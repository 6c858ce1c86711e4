import { connect, isBridgeError } from '@app/miniapp-sdk';
import { createApp, type App } from './app';
import { configureBackend, loadSavedSession } from './backend';
import { h } from './dom';
import { setLocale, t } from './i18n';
import { homePage } from './pages/home';
import { notifyPage } from './pages/notify';
import type { Page } from './pages/page';
import { payPage } from './pages/pay';
import './style.css';

const root = document.getElementById('app')!;
const routes: Record<string, (app: App) => Page> = { '/': homePage, '/pay': payPage, '/notify': notifyPage };

/** `#/pay` → the pay page; anything unknown → home. */
const currentPage = (app: App): Page => (routes[location.hash.replace(/^#/, '') || '/'] ?? homePage)(app);

function mount(app: App): void {
  let page = currentPage(app);
  let shownTitle = '';
  let shownButton = '';
  const share = () =>
    app.run(async () => {
      const { status } = await app.bridge.call('share.toChat', { title: `Hello · ${page.title}`, path: page.path });
      if (status === 'shared') await app.toast(t('shared'), 'success');
    });
  app.render = () => {
    page = currentPage(app);
    root.replaceChildren(
      page.render(),
      h('footer', {}, h('button', { class: 'link', onclick: () => void share() }, t('share'))),
    );
    // Tell the host only what changed: the title bar and the main button are the host's own UI.
    if (page.title !== shownTitle) void app.bridge.call('ui.setTitle', { title: (shownTitle = page.title) });
    const button = page.mainButton ? page.mainButton.text : '';
    if (button !== shownButton) {
      shownButton = button;
      void app.bridge.call('ui.setMainButton', { text: button, visible: !!page.mainButton, enabled: true });
    }
  };
  app.bridge.on('mainButton.clicked', () => page.mainButton?.onClick());
  app.bridge.on('locale.changed', ({ locale }) => {
    setLocale(locale);
    shownTitle = shownButton = '';
    app.render();
  });
  app.bridge.on('theme.changed', ({ theme }) => (document.documentElement.dataset.theme = theme));
  window.addEventListener('hashchange', () => app.render());
  app.render();
}

async function main(): Promise<void> {
  let bridge;
  try {
    bridge = await connect();
  } catch (err) {
    if (!isBridgeError(err)) throw err;
    root.replaceChildren(h('p', { class: 'card' }, t('notInMessenger')));
    return;
  }
  setLocale(bridge.context.locale);
  document.documentElement.dataset.theme = bridge.context.theme;
  if (!configureBackend(bridge.context.config)) {
    root.replaceChildren(h('p', { class: 'card' }, t('noBackend')));
    return;
  }
  await loadSavedSession(bridge);
  const app = createApp(bridge, () => undefined);
  mount(app);
  // First use asks the person (scope `profile`); a "no" is remembered by the host and answered at once next time.
  try {
    app.nickname = (await bridge.call('user.getProfile')).nickname;
  } catch {
    app.nickname = null;
  }
  app.render();
}

void main();
