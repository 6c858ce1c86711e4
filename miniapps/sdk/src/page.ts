import { BRIDGE_METHODS, HOST_ORIGIN_PARAM } from '@app/shared/bridge';
import type { MiniAppBridge } from './call';

/** What page reporting needs of the mini-program's window (a DOM `Window` fits). */
export interface PageWindowLike {
  readonly location: { readonly href: string };
  addEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
  removeEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
}

/**
 * The page a hash-routed app shows, written as a launch path: the fragment's route (`#/doctors/7` → `/doctors/7`,
 * anything else → `/`) with the launch query (minus the host's own parameter) and the fragment's own query merged
 * in. Launching that path (a shared card) puts the route back in the fragment and the query in the launch query.
 * Null when the result is not a valid page path (too long, for one).
 *
 * @example
 * pagePathOf('https://mpabc.apps.example/_v/1.0.0/index.html?table=7&__host=https%3A%2F%2Fim.example#/menu')
 * // → '/menu?table=7'
 */
export function pagePathOf(href: string): string | null {
  const url = new URL(href);
  const fragment = url.hash.slice(1);
  const route = fragment.startsWith('/') && !fragment.startsWith('//') ? fragment : '/';
  const mark = route.indexOf('?');
  const query = new URLSearchParams(url.search);
  query.delete(HOST_ORIGIN_PARAM);
  if (mark !== -1) for (const [key, value] of new URLSearchParams(route.slice(mark + 1))) query.set(key, value);
  const search = query.toString();
  const path = `${mark === -1 ? route : route.slice(0, mark)}${search ? `?${search}` : ''}`;
  return BRIDGE_METHODS['page.report'].params.safeParse({ path }).success ? path : null;
}

/**
 * Tells the host which page the person is on (`page.report`): once now, then after every `hashchange` and `popstate`
 * that changes it, so the host's ··· → Share sends that page. Does nothing on a host without the method. Apps that
 * route with `history.pushState` (which fires no event) call `page.report` themselves after each navigation.
 * Returns the function that stops reporting.
 */
export function reportPages(win: PageWindowLike, bridge: MiniAppBridge): () => void {
  if (!bridge.context.methods['page.report']) return () => {};
  let last: string | null = null;
  const report = () => {
    const path = pagePathOf(win.location.href);
    if (path === null || path === last) return;
    last = path;
    // Best effort: a failed report is retried on the next navigation.
    bridge.call('page.report', { path }).catch(() => {
      if (last === path) last = null;
    });
  };
  win.addEventListener('hashchange', report);
  win.addEventListener('popstate', report);
  report();
  return () => {
    win.removeEventListener('hashchange', report);
    win.removeEventListener('popstate', report);
  };
}
