import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import {
  befriend,
  fixtureFiles,
  fundedUser,
  publishMiniApp,
  registerUser,
  screenshotter,
  signIn,
  uniqueName,
} from './support';

const shot = screenshotter('miniapp');
const FIXTURE = fileURLToPath(new URL('./fixtures/bridge-app/', import.meta.url));

const frameOf = (page: Page): FrameLocator => page.frameLocator('[data-testid="miniapp-frame"]');

/** The fixture's log line for a method's answer (the newest one). */
const answer = (frame: FrameLocator, method: string) => frame.locator(`#log [data-method="${method}"]`).last();

async function publishLab(request: APIRequestContext, name: string) {
  const files = await fixtureFiles(FIXTURE);
  return publishMiniApp(request, { name, category: 'tools', description: 'Pokes every bridge method', files });
}

test('Discover → open a mini-program: title bar, capsule, consent, close, recently used', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const tag = uniqueName('lab').slice(-6);
  const name = `Bridge Lab ${tag}`;
  const { appId } = await publishLab(request, name);
  const user = await registerUser(request, 'Mia Lin');
  const { page } = await signIn(browser, user);

  await page.goto('/discover');
  await page.getByTestId('discover-search').fill(tag);
  const row = page.locator(`[data-testid="discover-app"][data-app-id="${appId}"]`);
  await expect(row).toContainText(name);
  await expect(page.getByTestId('discover-app')).toHaveCount(1);
  await shot(page, 'discover-search');
  await row.click();

  await expect(page).toHaveURL(new RegExp(`/apps/${appId}$`));
  const app = page.getByTestId('miniapp-page');
  await expect(app).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('miniapp-title')).toHaveText(name);
  const iframe = page.getByTestId('miniapp-frame');
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  await expect(iframe).toHaveAttribute('allow', '');
  await expect(iframe).toHaveAttribute('referrerpolicy', 'no-referrer');
  expect(await iframe.getAttribute('src')).not.toMatch(/token|Bearer|eyJ/i);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');

  await frame.locator('#title').click();
  await expect(page.getByTestId('miniapp-title')).toHaveText('Lab · page two');
  await frame.locator('#toast').click();
  await expect(page.getByTestId('miniapp-toast')).toHaveText('Hello from the lab');
  await frame.locator('#main').click();
  await page.getByTestId('miniapp-main-button').click();
  await expect(frame.locator('#log [data-event="mainButton.clicked"]')).toHaveCount(1);
  await shot(page, 'page');

  await page.getByTestId('miniapp-more').click();
  await expect(page.getByTestId('miniapp-menu-share')).toBeVisible();
  await expect(page.getByTestId('miniapp-menu-permissions')).toBeVisible();
  await shot(page, 'menu');
  await page.getByTestId('miniapp-menu-about').click();
  await expect(page.getByTestId('about-dialog')).toContainText(name);
  await expect(page.getByTestId('about-dialog')).toContainText('Pokes every bridge method');
  await expect(page.getByTestId('about-version')).toContainText('1.0.0');
  await shot(page, 'about');
  await page.getByTestId('about-ok').click();

  // A reloaded iframe handshakes again with a new bridge and is served as before.
  await frame.locator('#reload').click();
  await expect(frame.locator('#log li')).toHaveCount(0);
  await expect(frame.locator('#status')).toHaveText('connected');
  await expect(app).toHaveAttribute('data-state', 'connected');
  await frame.locator('#info').click();
  await expect(answer(frame, 'system.getInfo')).toContainText('"sdkVersion":"fixture-1"');

  // First use of a scope: the host asks; Allow → the nickname reaches the iframe; the second call does not ask.
  await frame.locator('#profile').click();
  const consent = page.getByTestId('consent-dialog');
  await expect(consent).toHaveAttribute('data-scope', 'profile');
  await expect(consent).toContainText(name);
  await shot(page, 'consent');
  await page.getByTestId('consent-allow').click();
  await expect(frame.locator('#nickname')).toHaveText('Mia Lin');
  await frame.locator('#profile').click();
  await expect(frame.locator('#log [data-method="user.getProfile"][data-ok="true"]')).toHaveCount(2);
  await expect(consent).toHaveCount(0);

  // Deny location: scope_denied, and the next call fails at once without a dialog.
  await frame.locator('#location').click();
  await expect(consent).toHaveAttribute('data-scope', 'location');
  await page.getByTestId('consent-deny').click();
  await expect(answer(frame, 'location.get')).toContainText('scope_denied');
  await frame.locator('#location').click();
  await expect(frame.locator('#log [data-method="location.get"][data-ok="false"]')).toHaveCount(2);
  await expect(consent).toHaveCount(0);

  // The app routes on its hash (entries in the tab's history): ✕ still returns to Discover, not to its last page.
  await frame.locator('#hash').click();
  await frame.locator('#hash').click();
  await page.getByTestId('miniapp-close').click();
  await expect(page).toHaveURL(/\/discover$/);
  await expect(page.getByTestId('discover-recent')).toContainText(name);
  await shot(page, 'discover-recent');
});

test('share.toChat sends a card to a chat; tapping the card opens the app at that page', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `Share Lab ${uniqueName('s').slice(-6)}`;
  const { appId } = await publishLab(request, name);
  const ann = await registerUser(request, 'Ann Share');
  const ben = await registerUser(request, 'Ben Friend');
  await befriend(request, ann, ben);
  const { page } = await signIn(browser, ann);

  // Opened directly (no history): ✕ goes to Discover.
  await page.goto(`/apps/${appId}`);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');
  await frame.locator('#share').click();
  const picker = page.getByTestId('share-picker');
  await expect(picker).toBeVisible();
  await expect(page.getByTestId('share-confirm')).toBeDisabled();
  await page.getByTestId('share-target').filter({ hasText: 'Ben Friend' }).click();
  await shot(page, 'share-picker');
  await page.getByTestId('share-confirm').click();
  await expect(answer(frame, 'share.toChat')).toContainText('shared');
  await page.getByTestId('miniapp-close').click();
  await expect(page).toHaveURL(/\/discover$/);

  // Ben sees the card and opens the app at the shared page.
  const benSession = await signIn(browser, ben);
  const benPage = benSession.page;
  await benPage.getByTestId('chat-row').filter({ hasText: 'Ann Share' }).click();
  const card = benPage.locator(`[data-testid="miniapp-card"][data-app-id="${appId}"]`);
  await expect(card).toContainText('Try the lab');
  await expect(card).toContainText(name);
  await shot(benPage, 'card');
  await card.click();
  await expect(benPage).toHaveURL(new RegExp(`/apps/${appId}\\?path=`));
  const benFrame = frameOf(benPage);
  await expect(benFrame.locator('#context')).toContainText('"from":"share"');
  await expect(benFrame.locator('#context')).toContainText('#/lab');
  // Came from the chat: ✕ goes back there.
  await benPage.getByTestId('miniapp-close').click();
  await expect(benPage.getByTestId('composer-input')).toBeVisible();
});

const PIN = '135790';

/** A person with a payment PIN and ¥100 in the wallet. */
const payer = (request: APIRequestContext, name: string) => fundedUser(request, name, { pin: PIN, amountFen: 10_000 });

/** The app's backend: an Open API token, and the person's openId from the code the iframe got from auth.login. */
async function backend(request: APIRequestContext, app: { appId: string; appSecret: string }, frame: FrameLocator) {
  const tokenRes = await request.post('/openapi/v1/token', { data: { appId: app.appId, appSecret: app.appSecret } });
  expect(tokenRes.ok()).toBe(true);
  const headers = { authorization: `Bearer ${((await tokenRes.json()) as { accessToken: string }).accessToken}` };
  await frame.locator('#login').click();
  const line = (await answer(frame, 'auth.login').textContent()) ?? '';
  const { code } = JSON.parse(line.slice(line.indexOf('{'))) as { code: string };
  const session = await request.post('/openapi/v1/auth/code2session', { headers, data: { code } });
  expect(session.ok()).toBe(true);
  const { openId } = (await session.json()) as { openId: string };
  return {
    openId,
    async order(amount: number, description: string): Promise<string> {
      const res = await request.post('/openapi/v1/payments/orders', {
        headers,
        data: { outTradeNo: uniqueName('t').replace(/[^A-Za-z0-9_-]/g, ''), openId, amount, description },
      });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return ((await res.json()) as { orderId: string }).orderId;
    },
    subscribe: (templateId: string, page: string) =>
      request.post('/openapi/v1/messages/subscribe', {
        headers,
        data: { openId, templateId, data: { Queue: 'A-017', Ahead: '3 people' }, page },
      }),
  };
}

test('payment.request: the cashier shows the server order, the PIN pays it, the iframe learns paid; the portal shows the money', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const name = `Pay Lab ${uniqueName('p').slice(-6)}`;
  const app = await publishLab(request, name);
  const user = await payer(request, 'Pat Payer');
  const { page } = await signIn(browser, user);
  await page.goto(`/apps/${app.appId}`);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');
  const server = await backend(request, app, frame);

  // Closing the cashier: cancelled, nothing paid.
  const first = await server.order(1234, 'Lab coffee');
  await frame.locator('#order').fill(first);
  await frame.locator('#pay').click();
  const cashier = page.getByTestId('cashier-sheet');
  await expect(cashier).toBeVisible();
  await expect(page.getByTestId('cashier-app')).toHaveText(name);
  await expect(page.getByTestId('cashier-amount')).toContainText('12.34');
  await expect(page.getByTestId('cashier-description')).toHaveText('Lab coffee');
  await shot(page, 'cashier');
  await page.getByTestId('cashier-cancel').click();
  await expect(answer(frame, 'payment.request')).toContainText('cancelled');

  // Again, with the PIN: paid.
  await frame.locator('#pay').click();
  await expect(page.getByTestId('cashier-amount')).toContainText('12.34');
  await page.getByTestId('pin-input').fill(PIN);
  await expect(answer(frame, 'payment.request')).toContainText('"status":"paid"');
  await expect(cashier).toHaveCount(0);

  // A paid order cannot be paid again: an error, no cashier.
  await frame.locator('#pay').click();
  await expect(answer(frame, 'payment.request')).toContainText('order_not_payable');
  await expect(cashier).toHaveCount(0);
  // An order id that is not this person's: not_found.
  await frame.locator('#order').fill('ord_AAAAAAAAAAAAAAAAAAAAAAAA');
  await frame.locator('#pay').click();
  await expect(answer(frame, 'payment.request')).toContainText('not_found');

  const dev = await signIn(browser, app.developer);
  await dev.page.goto(`/me/dev/${app.appId}`);
  await expect(dev.page.getByTestId('merchant-balance')).toHaveText('¥12.34');
  await expect(dev.page.getByTestId('merchant-line').first()).toContainText('+12.34');
  await dev.page.getByTestId('merchant-balance').scrollIntoViewIfNeeded();
  await shot(dev.page, 'merchant');

  // The journal pages: 30 more ¥0.01 payments (over the API), then "Load more" shows the first one again.
  const auth = { authorization: `Bearer ${user.accessToken}` };
  for (let i = 0; i < 30; i++) {
    const orderId = await server.order(1, `Tip ${i}`);
    const paid = await request.post(`/api/payments/orders/${orderId}/pay`, {
      headers: { ...auth, 'idempotency-key': randomUUID() },
      data: { pin: PIN },
    });
    expect(paid.ok(), await paid.text()).toBe(true);
  }
  await dev.page.reload();
  await expect(dev.page.getByTestId('merchant-balance')).toHaveText('¥12.64');
  await expect(dev.page.getByTestId('merchant-line')).toHaveCount(30);
  await dev.page.getByTestId('merchant-more').click();
  await expect(dev.page.getByTestId('merchant-line')).toHaveCount(31);
  await expect(dev.page.getByTestId('merchant-line').last()).toContainText('+12.34');
  await expect(dev.page.getByTestId('merchant-more')).toHaveCount(0);
});

test('location.get after consent, and the capsule Permissions page comes back to the app', async ({
  browser,
  request,
  baseURL,
}) => {
  const app = await publishLab(request, `Geo Lab ${uniqueName('g').slice(-6)}`);
  const user = await registerUser(request, 'Gao Geo');
  const { context, page } = await signIn(browser, user);
  await context.grantPermissions(['geolocation'], { origin: baseURL });
  await context.setGeolocation({ latitude: 31.2304, longitude: 121.4737, accuracy: 25 });
  await page.goto(`/apps/${app.appId}`);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');

  await frame.locator('#location').click();
  await expect(page.getByTestId('consent-dialog')).toHaveAttribute('data-scope', 'location');
  await page.getByTestId('consent-allow').click();
  await expect(answer(frame, 'location.get')).toContainText('31.2304');
  await expect(answer(frame, 'location.get')).toContainText('121.4737');
  // Even with location granted, the frame gets no browser permission: the host reads the position for it.
  await page.reload();
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('miniapp-frame')).toHaveAttribute('allow', '');

  await page.getByTestId('miniapp-more').click();
  await page.getByTestId('miniapp-menu-permissions').click();
  await expect(page).toHaveURL(/\/me\/permissions$/);
  await expect(page.locator(`[data-testid="permissions-app"][data-app-id="${app.appId}"]`)).toContainText(
    /location|Location/,
  );
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.appId}$`));
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
});

test('subscribe.request, a service notification, payment.signDebitAgreement and navigate.toMiniProgram', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const name = `Notify Lab ${uniqueName('n').slice(-6)}`;
  const app = await publishLab(request, name);
  const user = await payer(request, 'Sam Subscriber');
  const { page } = await signIn(browser, user, 'zh-CN');
  await page.goto(`/apps/${app.appId}`);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');
  const server = await backend(request, app, frame);

  await frame.locator('#subscribe').click();
  const dialog = page.getByTestId('subscribe-dialog');
  await expect(page.getByTestId('subscribe-template')).toHaveCount(2);
  await expect(dialog).toContainText('快到你了'); // the declared title in the person's language, not the id
  await dialog.locator('[data-template-id="report_ready"] input').uncheck();
  await shot(page, 'subscribe-zh');
  await page.getByTestId('subscribe-confirm').click();
  await expect(answer(frame, 'subscribe.request')).toContainText('{"queue_near":"accept","report_ready":"reject"}');
  expect((await server.subscribe('queue_near', '/queue?n=17')).ok()).toBe(true);
  expect((await server.subscribe('report_ready', '/report')).ok()).toBe(false);

  // Pay later: the debit scope's consent, the host's agreement dialog, then the PIN.
  await frame.locator('#debit').click();
  await expect(page.getByTestId('consent-dialog')).toHaveAttribute('data-scope', 'payment.debit');
  await page.getByTestId('consent-allow').click();
  await expect(page.getByTestId('debit-dialog')).toContainText('50.00');
  await page.getByTestId('debit-confirm').click();
  await page.getByTestId('pin-input').fill(PIN);
  await expect(answer(frame, 'payment.signDebitAgreement')).toContainText('"status":"signed"');

  // navigate.toMiniProgram: cancel answers cancelled; confirm opens the app (here: itself) at that page.
  await frame.locator('#navigate').click();
  await page.getByTestId('navigate-cancel').click();
  await expect(answer(frame, 'navigate.toMiniProgram')).toContainText('cancelled');
  await frame.locator('#navigate').click();
  await page.getByTestId('navigate-confirm').click();
  await expect(page).toHaveURL(/\?path=%2Fother%3Fvia%3Dnavigate$/);
  await expect(frameOf(page).locator('#context')).toContainText('"via":"navigate"');

  // The notification arrives in 服务通知; View details opens the app at its page.
  await page.goto('/chats');
  const row = page.locator('[data-testid="chat-row"][data-type="service"]');
  await expect(row).toContainText('服务通知');
  await row.click();
  const card = page.getByTestId('service-card');
  await expect(card).toContainText(name);
  await expect(card).toContainText('A-017');
  await shot(page, 'service-zh');
  await card.getByTestId('service-details').click();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.appId}\\?path=`));
  await expect(frameOf(page).locator('#context')).toContainText('#/queue');
});
