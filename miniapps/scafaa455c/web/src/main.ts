import { connect, isBridgeError, type MiniAppBridge } from '@app/miniapp-sdk';
import { SessionResponseSchema, VisitsSchema, type SessionResponse } from '../../common/api';
import './style.css';

const STRINGS = {
  en: {
    hello: (name: string) => `Hello, ${name}`,
    guest: 'Hello!',
    logIn: 'Log in',
    visits: (n: number) => `You opened Scaffolded ${n} time(s).`,
    note: 'A note only you see (kept by the messenger)',
    save: 'Save note',
    saved: 'Saved',
    outside: 'Scaffolded is a mini-program: open it inside the messenger.',
    failed: (m: string) => `Something went wrong: ${m}`,
  },
  'zh-CN': {
    hello: (name: string) => `你好，${name}`,
    guest: '你好！',
    logIn: '登录',
    visits: (n: number) => `你已打开 Scaffolded ${n} 次。`,
    note: '只有你能看到的备忘（由信使保存）',
    save: '保存备忘',
    saved: '已保存',
    outside: 'Scaffolded 是一个小程序：请在信使里打开。',
    failed: (m: string) => `出错了：${m}`,
  },
};

const root = document.getElementById('app')!;
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]>,
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Calls this app's own backend: its address comes from the launch config, its session from `auth.login`. */
async function backend<T>(bridge: MiniAppBridge, path: string, parse: (json: unknown) => T, init: RequestInit = {}) {
  const res = await fetch(`${bridge.context.config.backendUrl}${path}`, init);
  const json: unknown = await res.json();
  if (!res.ok) throw new Error((json as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`);
  return parse(json);
}

async function main(): Promise<void> {
  let bridge: MiniAppBridge;
  try {
    bridge = await connect();
  } catch (err) {
    if (!isBridgeError(err)) throw err;
    root.replaceChildren(el('p', { className: 'card', textContent: STRINGS.en.outside }));
    return;
  }
  const s = STRINGS[bridge.context.locale];
  document.documentElement.lang = bridge.context.locale;
  let session: SessionResponse | undefined;
  let visits: number | undefined;
  let nickname: string | null = null;
  const note = el('textarea', { rows: 3, placeholder: s.note });
  note.value = (await bridge.call('storage.get', { key: 'note' })).value ?? '';

  const render = () =>
    root.replaceChildren(
      el(
        'section',
        { className: 'card' },
        el('h1', { textContent: nickname ? s.hello(nickname) : s.guest }),
        session
          ? el('p', { textContent: s.visits(visits ?? 0) })
          : el('button', { textContent: s.logIn, onclick: () => void run(logIn) }),
      ),
      el(
        'section',
        { className: 'card' },
        el('label', { textContent: s.note }),
        note,
        el('button', { textContent: s.save, onclick: () => void run(saveNote) }),
      ),
    );
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (err) {
      if (isBridgeError(err) && err.code === 'cancelled') return;
      await bridge.call('ui.toast', { text: s.failed(String((err as Error).message).slice(0, 150)), kind: 'error' });
    }
    render();
  };
  async function logIn(): Promise<void> {
    const { code } = await bridge.call('auth.login');
    const body = JSON.stringify({ code });
    const headers = { 'content-type': 'application/json' };
    session = await backend(bridge, '/api/session', (j) => SessionResponseSchema.parse(j), {
      method: 'POST',
      body,
      headers,
    });
    const auth = { authorization: `Bearer ${session.token}` };
    visits = (await backend(bridge, '/api/visits', (j) => VisitsSchema.parse(j), { method: 'POST', headers: auth }))
      .visits;
  }
  async function saveNote(): Promise<void> {
    await bridge.call('storage.set', { key: 'note', value: note.value });
    await bridge.call('ui.toast', { text: s.saved, kind: 'success' });
  }

  await bridge.call('ui.setTitle', { title: 'Scaffolded' });
  render();
  // First use asks the person (scope `profile`); a "no" is remembered by the host.
  nickname = await bridge.call('user.getProfile').then(
    (p) => p.nickname,
    () => null,
  );
  render();
}

void main();
