import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Browser, type Frame, type Page } from '@playwright/test';
import { miniAppFrame, openApi, openMiniApp } from './apps';
import {
  apiLogin,
  balanceOf,
  fixtureFiles,
  fundedUser,
  publishMiniApp,
  registerUser,
  screenshotter,
  signIn,
  type PublishedApp,
  type TestUser,
} from './support';

/**
 * DESIGN §6 isolation, attacked from inside a real sandboxed iframe by a hostile mini-program
 * (fixtures/hostile/hostile.js). Every attempt must fail, and nothing may change on the server.
 */
const HOSTILE = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));
const shot = screenshotter('isolation');

type Envelope = { ok: boolean; result?: Record<string, unknown>; error?: { code: string } };

let hostile: PublishedApp;
let other: PublishedApp;

test.beforeAll(async ({ request }) => {
  const files = await fixtureFiles(HOSTILE);
  hostile = await publishMiniApp(request, { name: 'Harmless', files });
  other = await publishMiniApp(request, { name: 'Other App', files });
});

const bearer = (user: TestUser) => ({ authorization: `Bearer ${user.accessToken}` });

const person = (request: APIRequestContext, name: string) =>
  fundedUser(request, name, { pin: '123456', amountFen: 10_000 });

async function ledgerOk(request: APIRequestContext): Promise<void> {
  const accessToken = await apiLogin(request, 'admin', 'admin-pass-123');
  const check = await request.get('/api/admin/ledger/check', { headers: { authorization: `Bearer ${accessToken}` } });
  expect(((await check.json()) as { ok: boolean }).ok).toBe(true);
}

const run = <T>(frame: Frame, attack: string, ...args: unknown[]): Promise<T> =>
  frame.evaluate(
    ([name, rest]) =>
      (window as unknown as { hostile: Record<string, (...a: unknown[]) => unknown> }).hostile[name as string]!(
        ...(rest as unknown[]),
      ),
    [attack, args] as const,
  ) as Promise<T>;

const bridgeCall = (frame: Frame, method: string, params: unknown = {}) => run<Envelope>(frame, 'call', method, params);

async function signedInWithApp(
  browser: Browser,
  user: TestUser,
  app: PublishedApp,
): Promise<{ page: Page; frame: Frame; close: () => Promise<void> }> {
  const { context, page } = await signIn(browser, user);
  const frame = await openMiniApp(page, app.appId);
  await frame.evaluate(() => (window as unknown as { hostile: { connected: Promise<unknown> } }).hostile.connected);
  return { page, frame, close: () => context.close() };
}

test('cannot read the host: cookies, storage, DOM and URL are out of reach, and no token is in the frame', async ({
  browser,
  request,
}) => {
  const user = await registerUser(request, 'Iris Iso');
  const { page, frame, close } = await signedInWithApp(browser, user, hostile);
  // The host keeps no token in web storage (ADR 0008); a marker of its own shows whether the frame can reach it.
  await page.evaluate(() => localStorage.setItem('host.marker', 'host-only'));
  const hostKeys = await page.evaluate(() => Object.keys(localStorage));
  expect(hostKeys).toContain('host.marker');

  const seen = await run<Record<string, { ok: boolean; error?: string } | string | string[] | boolean>>(
    frame,
    'readHost',
  );
  for (const key of ['parentDocument', 'topLocalStorage', 'parentCookie', 'topHref'] as const)
    expect(seen[key], key).toMatchObject({ ok: false, error: 'SecurityError' });
  // Its own storage (if the browser gives a third-party frame any) holds nothing of the host's.
  const own = seen.ownStorage as { ok: boolean; value?: string };
  for (const key of hostKeys) expect(own.value ?? '').not.toContain(key);
  expect(String(seen.ownCookie), "the host's session cookie never reaches the app's origin").not.toContain(
    'refresh_token',
  );
  expect(seen.referrer, 'the iframe gets no referrer').toBe('');
  const href = String(seen.href);
  expect(href).not.toContain(user.accessToken);
  expect(new URL(href).searchParams.has('token')).toBe(false);
  expect(await page.getByTestId('miniapp-frame').getAttribute('sandbox')).toBe(
    'allow-scripts allow-same-origin allow-forms',
  );
  await shot(page, 'hostile-open');
  await close();
});

test('cannot navigate the top window or open popups that escape the sandbox', async ({ browser, request }) => {
  const user = await registerUser(request, 'Nadia Nav');
  const { page, frame, close } = await signedInWithApp(browser, user, hostile);
  const before = page.url();
  const pagesBefore = page.context().pages().length;

  const nav = await run<Record<string, { ok: boolean; error?: string }>>(frame, 'navigateTop');
  expect(nav.assign?.ok).toBe(false);
  expect(nav.replace?.ok).toBe(false);
  const popups = await run<Record<string, { ok: boolean; value?: string }>>(frame, 'openPopups');
  expect(popups.open, 'window.open gives nothing in the sandbox').toMatchObject({ ok: true, value: 'null' });

  await page.waitForTimeout(1000);
  expect(page.url()).toBe(before);
  expect(page.context().pages()).toHaveLength(pagesBefore);
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await close();
});

test('forged bridge messages from a nested frame, a second hello or the window are ignored', async ({
  browser,
  request,
}) => {
  const user = await registerUser(request, 'Fred Forge');
  const { page, frame, close } = await signedInWithApp(browser, user, hostile);

  const forger = await run<{ nestedPageLoaded: { ok: boolean }; readyReceived: boolean; posted: number }>(
    frame,
    'nestedForger',
  );
  expect(forger.nestedPageLoaded.ok, "the app's pages refuse to be framed by anyone but the host").toBe(false);
  expect(forger.posted).toBeGreaterThan(0);
  expect(forger.readyReceived, 'no port for a frame the host did not create').toBe(false);
  const replay = await run<{ newReadys: number }>(frame, 'replayHandshake');
  expect(replay.newReadys, 'a second hello does not get a second port').toBe(0);
  await expect(page.getByTestId('miniapp-title')).not.toContainText('PWNED');

  // The real channel still works, so the checks above did not pass just because nothing works.
  expect(await bridgeCall(frame, 'ui.setTitle', { title: 'Legit title' })).toMatchObject({ ok: true });
  await expect(page.getByTestId('miniapp-title')).toHaveText('Legit title');
  expect(await bridgeCall(frame, 'admin.steal')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  await close();
});

test('a hello from a nested frame of the same origin, sent before the real one, is not taken', async ({
  browser,
  request,
}) => {
  const user = await registerUser(request, 'Nina Nested');
  const { context, page } = await signIn(browser, user);
  await page.goto(`/apps/${hostile.appId}?path=${encodeURIComponent('/forger-first')}`);
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  const frame = await miniAppFrame(page, hostile.appId);
  const contexts = await frame.evaluate(() =>
    (window as unknown as { hostile: { readyContexts(): Array<{ sdkVersion: string }> } }).hostile.readyContexts(),
  );
  // The port went to the iframe's own hello (sent 1.5 s after the forger started), never to the forger's.
  expect(contexts.map((c) => c.sdkVersion)).toEqual(['hostile-1.0']);
  await context.close();
});

test('a frame that moved to a look-alike origin (the app host name on another port) is blocked and gets no port', async ({
  browser,
  request,
}) => {
  const files = { 'evil.html': 'text/html', 'evil.js': 'text/javascript' } as Record<string, string>;
  const evil: Server = createServer((req, res) => {
    const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
    const type = files[name];
    if (!type) return void res.writeHead(404).end();
    void readFile(`${HOSTILE}${name}`).then((body) => res.writeHead(200, { 'content-type': type }).end(body));
  });
  await new Promise<void>((resolve) => evil.listen(0, resolve));
  const evilPort = (evil.address() as AddressInfo).port;
  try {
    const user = await registerUser(request, 'Lara Look');
    const { context, page } = await signIn(browser, user);
    await page.goto(`/apps/${hostile.appId}?path=${encodeURIComponent(`/lookalike?evil=${evilPort}`)}`);
    await page.waitForTimeout(3000);
    await expect(page.getByTestId('miniapp-page')).not.toHaveAttribute('data-state', 'connected');
    // The host CSP may refuse the look-alike outright; if its page did load, it got no port.
    const evilFrame = page.frames().find((f) => f.url().includes(`:${evilPort}/`));
    if (evilFrame) {
      const report = await evilFrame.evaluate(() => (window as unknown as { evilReport: unknown }).evilReport);
      expect(report).toMatchObject({ readyReceived: false });
    }
    await context.close();
  } finally {
    evil.close();
  }
});

test("a frame that moved to another mini-program's origin is refused the handshake by origin", async ({
  browser,
  request,
}) => {
  const user = await registerUser(request, 'Omar Origin');
  const { context, page } = await signIn(browser, user);
  await page.goto(`/apps/${hostile.appId}?path=${encodeURIComponent(`/lookalike?other=${other.appId}`)}`);
  // The other app's page loads inside the frame the host made for Harmless (CSP and frame-ancestors allow it), so
  // only the bridge's origin check stands between it and Harmless's port.
  await expect.poll(() => page.frames().some((f) => f.url().includes(`//${other.appId}.`))).toBe(true);
  const evilFrame = page.frames().find((f) => f.url().includes(`//${other.appId}.`))!;
  await expect
    .poll(() => evilFrame.evaluate(() => (window as unknown as { evilReport: { hellos: number } }).evilReport.hellos))
    .toBeGreaterThan(10);
  const report = await evilFrame.evaluate(() => (window as unknown as { evilReport: unknown }).evilReport);
  expect(report).toMatchObject({ readyReceived: false });
  await expect(page.getByTestId('miniapp-page')).not.toHaveAttribute('data-state', 'connected');
  await context.close();
});

test('scopes: undeclared ones fail at once, a denied one fails without asking again', async ({ browser, request }) => {
  const user = await registerUser(request, 'Sam Scope');
  const { page, frame, close } = await signedInWithApp(browser, user, hostile);

  expect(await bridgeCall(frame, 'location.get')).toMatchObject({ ok: false, error: { code: 'scope_denied' } });
  expect(
    await bridgeCall(frame, 'payment.signDebitAgreement', { monthlyLimitFen: 100_000, description: 'all of it' }),
  ).toMatchObject({ ok: false, error: { code: 'scope_denied' } });
  await expect(page.getByTestId('consent-dialog')).toHaveCount(0);

  const asking = bridgeCall(frame, 'user.getProfile');
  await expect(page.getByTestId('consent-dialog')).toBeVisible();
  await shot(page, 'consent');
  await page.getByTestId('consent-deny').click();
  expect(await asking).toMatchObject({ ok: false, error: { code: 'scope_denied' } });
  expect(await bridgeCall(frame, 'user.getProfile')).toMatchObject({ ok: false, error: { code: 'scope_denied' } });
  await expect(page.getByTestId('consent-dialog')).toHaveCount(0);

  const consents = (await (await request.get('/api/me/consents', { headers: bearer(user) })).json()) as {
    consents: Array<{ appId: string; scope: string; granted: boolean }>;
  };
  expect(consents.consents).toEqual([
    expect.objectContaining({ appId: hostile.appId, scope: 'profile', granted: false }),
  ]);
  await close();
});

test('cannot confirm a payment for the person: forged answers, clicks and direct calls leave the order unpaid', async ({
  browser,
  request,
  baseURL,
}) => {
  const user = await person(request, 'Paula Pay');
  const { page, frame, close } = await signedInWithApp(browser, user, hostile);
  const backend = await openApi(request, hostile);
  const login = await bridgeCall(frame, 'auth.login');
  const session = await backend.call('POST', '/auth/code2session', { code: login.result?.code });
  expect(session.status).toBe(200);
  const order = await backend.call('POST', '/payments/orders', {
    outTradeNo: `hostile-${Date.now()}`,
    openId: session.body.openId,
    amount: 888,
    description: 'Nothing at all',
  });
  expect(order.status).toBe(201);
  const orderId = String(order.body.orderId);
  const balance = await balanceOf(request, user);

  const results = await run<Record<string, { ok: boolean; status?: number; error?: string }>>(
    frame,
    'forgePayment',
    orderId,
    `${baseURL}/api/payments/orders/${orderId}/pay`,
  );
  await expect(page.getByTestId('cashier-sheet')).toBeVisible();
  await expect(page.getByTestId('cashier-amount')).toContainText('8.88');
  await shot(page, 'cashier-under-attack');
  expect(results.hostButtons).toMatchObject({ ok: false, error: 'SecurityError' });
  // connect-src blocks the call (TypeError), and without the person's token it would be refused anyway.
  expect(results.directPay!.ok ? results.directPay!.status : 401).toBe(401);

  await page.waitForTimeout(1000);
  expect((await backend.call('GET', `/payments/orders/${orderId}`)).body).toMatchObject({ status: 'pending' });
  expect(await balanceOf(request, user)).toBe(balance);

  await page.getByTestId('cashier-cancel').click();
  const outcome = await frame.evaluate(() =>
    (window as unknown as { hostile: { paymentOutcome(): Promise<Envelope> } }).hostile.paymentOutcome(),
  );
  expect(outcome).toMatchObject({ ok: true, result: { status: 'cancelled' } });
  expect((await backend.call('GET', `/payments/orders/${orderId}`)).body).toMatchObject({ status: 'pending' });
  expect(await balanceOf(request, user)).toBe(balance);
  await ledgerOk(request);
  await close();
});

test('login codes work once and for one app; another app sees another openId and cannot use it', async ({
  browser,
  request,
}) => {
  const user = await person(request, 'Otto Open');
  const { page, frame, close } = await signedInWithApp(browser, user, hostile);
  const a = await openApi(request, hostile);
  const b = await openApi(request, other);

  const first = await bridgeCall(frame, 'auth.login');
  const code = first.result?.code;
  const ok = await a.call('POST', '/auth/code2session', { code });
  expect(ok.status).toBe(200);
  expect(await a.call('POST', '/auth/code2session', { code })).toMatchObject({
    status: 401,
    body: { error: { code: 'code_invalid' } },
  });

  const second = await bridgeCall(frame, 'auth.login');
  expect(await b.call('POST', '/auth/code2session', { code: second.result?.code })).toMatchObject({
    status: 401,
    body: { error: { code: 'code_invalid' } },
  });

  // The same person in the other app: a different openId, and neither app may use the other's.
  const otherFrame = await openMiniApp(page, other.appId);
  await otherFrame.evaluate(
    () => (window as unknown as { hostile: { connected: Promise<unknown> } }).hostile.connected,
  );
  expect(await miniAppFrame(page, other.appId)).toBe(otherFrame);
  const otherLogin = await bridgeCall(otherFrame, 'auth.login');
  const otherSession = await b.call('POST', '/auth/code2session', { code: otherLogin.result?.code });
  expect(otherSession.status).toBe(200);
  expect(otherSession.body.openId).not.toBe(ok.body.openId);
  const stolen = await b.call('POST', '/payments/orders', {
    outTradeNo: `steal-${Date.now()}`,
    openId: ok.body.openId,
    amount: 100,
    description: 'Not my user',
  });
  expect(stolen.status).toBe(404);
  await ledgerOk(request);
  await close();
});
