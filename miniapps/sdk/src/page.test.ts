import { createHostBridge, methodVersions } from '@app/shared/bridge';
import { afterEach, describe, expect, it } from 'vitest';
// Test-only doubles that live beside the host code; not part of either package's public surface.
import { fakeHandlers } from '../../../shared/src/bridge/testing/handlers';
import { FakeWindow, settle } from '../../../shared/src/bridge/testing/fake-window';
import { connect } from './connect';
import { pagePathOf } from './page';

const HOST = 'http://localhost:3000';
const APP = 'http://mpapp1000000.apps.localhost:3001';
const LAUNCH = `${APP}/_v/1.0.0/index.html?table=7&__host=${encodeURIComponent(HOST)}`;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

describe('pagePathOf', () => {
  it('writes the hash route with the launch query as a launch path', () => {
    expect(pagePathOf(LAUNCH)).toBe('/?table=7');
    expect(pagePathOf(`${LAUNCH}#/menu`)).toBe('/menu?table=7');
    expect(pagePathOf(`${LAUNCH}#/doctors/7?day=2&table=9`)).toBe('/doctors/7?table=9&day=2');
    expect(pagePathOf(`${APP}/_v/1.0.0/index.html#/pay`)).toBe('/pay');
    expect(pagePathOf(`${APP}/_v/1.0.0/index.html#section-2`)).toBe('/');
    expect(pagePathOf(`${APP}/_v/1.0.0/index.html#//evil.example/x`)).toBe('/');
    expect(pagePathOf(`${APP}/_v/1.0.0/index.html#/a b`)).toBe('/a%20b');
    expect(pagePathOf(`${APP}/_v/1.0.0/index.html#/${'x'.repeat(600)}`)).toBeNull();
  });
});

/** A frame connected to a real host bridge whose `page.report` handler records the paths. */
async function connected(options: { hostHasMethod?: boolean; reportPage?: boolean } = {}) {
  const host = new FakeWindow(HOST);
  const frame = new FakeWindow(APP, `${LAUNCH}#/home`);
  host.embed(frame);
  const reported: string[] = [];
  const methods = methodVersions();
  if (options.hostHasMethod === false) delete (methods as Partial<typeof methods>)['page.report'];
  const hostSide = createHostBridge({
    window: host,
    getFrameWindow: () => frame,
    appOrigin: APP,
    hostOrigin: HOST,
    context: { appId: 'mpapp1000000', locale: 'en', theme: 'light', launchQuery: {}, hostVersion: '1.1.0', methods },
    handlers: fakeHandlers({
      'page.report': async ({ path }) => {
        reported.push(path);
        return {};
      },
    }),
  });
  cleanups.push(() => hostSide.dispose());
  const bridge = await connect({ window: frame, reportPage: options.reportPage });
  cleanups.push(() => bridge.close());
  return { frame, bridge, reported };
}

describe('page reports', () => {
  it('reports the page on connect and after each navigation that changes it, until closed', async () => {
    const { frame, bridge, reported } = await connected();
    await settle();
    expect(reported).toEqual(['/home?table=7']);
    frame.navigate('#/doctors/7');
    await settle();
    frame.navigate('#/doctors/7'); // the same page again: nothing new to say
    await settle();
    frame.navigate('#/pay?order=o1');
    await settle();
    expect(reported).toEqual(['/home?table=7', '/doctors/7?table=7', '/pay?table=7&order=o1']);
    bridge.close();
    frame.navigate('#/after-close');
    await settle();
    expect(reported).toHaveLength(3);
  });

  it('stays quiet on a host without page.report, and when the app reports itself', async () => {
    const old = await connected({ hostHasMethod: false });
    const manual = await connected({ reportPage: false });
    old.frame.navigate('#/x');
    manual.frame.navigate('#/x');
    await settle();
    expect(old.reported).toEqual([]);
    expect(manual.reported).toEqual([]);
    await manual.bridge.call('page.report', { path: '/chosen' });
    expect(manual.reported).toEqual(['/chosen']);
  });
});
