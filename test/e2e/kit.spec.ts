import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { expect, test, type Frame, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { miniAppFrame, openApi, openMiniApp } from './apps';
import { befriend, fixtureFiles, fundedUser, publishMiniApp, registerUser, screenshotter, signIn } from './support';

/**
 * What a newcomer to the mini-program kit ran into: previewing a version before it is approved, ··· → Share sending
 * the page you are on, and the subscribe dialog showing what a template is rather than its id.
 */
const shot = screenshotter('kit');
const LAB = fileURLToPath(new URL('./fixtures/bridge-app/', import.meta.url));
const HOSTILE = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));

/** The lab fixture as a zip on disk (for the portal's file input). */
async function labZip(): Promise<string> {
  const files = await fixtureFiles(LAB);
  const dir = await mkdtemp(path.join(tmpdir(), 'kit-'));
  const file = path.join(dir, 'lab.zip');
  await writeFile(file, zipSync(Object.fromEntries(Object.entries(files).map(([p, text]) => [p, strToU8(text)]))));
  return file;
}

const labFrame = (page: Page) => page.frameLocator('[data-testid="miniapp-frame"]');

test('a developer previews a version in review from the portal; a reviewer opens it from the queue', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const dev = await registerUser(request, 'Dev Preview', 'devp');
  const created = await request.post('/api/dev/apps', {
    headers: { authorization: `Bearer ${dev.accessToken}` },
    data: { name: 'Preview Lab', category: 'tools', description: 'Not out yet' },
  });
  const { app } = (await created.json()) as { app: { appId: string } };
  const { page } = await signIn(browser, dev);

  await page.goto(`/me/dev/${app.appId}`);
  await page.getByTestId('package-input').setInputFiles(await labZip());
  const version = page.locator('[data-testid="version-row"][data-version="1.0.0"]');
  await expect(version).toHaveAttribute('data-status', 'draft');
  await expect(version.getByTestId('version-preview')).toHaveCount(0); // a draft is not submitted yet
  await version.getByTestId('version-submit').click();
  await expect(version).toHaveAttribute('data-status', 'in_review');
  await shot(page, 'portal-in-review');

  await version.getByTestId('version-preview').click();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.appId}\\?preview=1&version=1\\.0\\.0$`));
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('miniapp-preview-badge')).toHaveText('Preview');
  await expect(page.getByTestId('miniapp-preview-badge')).toHaveAttribute('data-version', '1.0.0');
  await expect(labFrame(page).locator('#status')).toHaveText('connected');
  // The iframe runs from the signed preview prefix, and its relative stylesheet loaded from there too.
  const frame = await miniAppFrame(page, app.appId);
  expect(new URL(frame.url()).pathname).toMatch(/^\/_p\/1\.0\.0~\d+~[\w-]{43}\/index\.html$/);
  expect(await frame.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
  await shot(page, 'preview-en');

  // Nobody else can: a stranger gets the "can't be opened" page.
  const stranger = await registerUser(request, 'Stranger');
  const other = await signIn(browser, stranger);
  await other.page.goto(`/apps/${app.appId}?preview=1`);
  await expect(other.page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'error');
  await expect(other.page.getByTestId('miniapp-frame')).toHaveCount(0);
  await other.context.close();

  // The reviewer opens it from the review queue, in Chinese.
  const admin = await signIn(browser, { username: 'admin', password: 'admin-pass-123' }, 'zh-CN');
  await admin.page.goto('/me/reviews');
  const row = admin.page.locator(`[data-testid="review-row"][data-app-id="${app.appId}"][data-version="1.0.0"]`);
  await expect(row.getByTestId('review-open')).toHaveText('打开预览');
  await shot(admin.page, 'review-row-zh');
  await row.getByTestId('review-open').click();
  await expect(admin.page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await expect(admin.page.getByTestId('miniapp-preview-badge')).toHaveText('预览');
  await expect(labFrame(admin.page).locator('#status')).toHaveText('connected');
  await shot(admin.page, 'preview-zh');
  await admin.context.close();
});

test('··· → Share sends the page the person is on; the card opens the app there', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const ann = await registerUser(request, 'Ann Pages');
  const found = await request.get('/api/miniapps?q=hello', { headers: { authorization: `Bearer ${ann.accessToken}` } });
  const hello = ((await found.json()) as { apps: Array<{ appId: string; name: string }> }).apps.find(
    (a) => a.name === 'Hello',
  )!;
  const ben = await registerUser(request, 'Ben Pages');
  await befriend(request, ann, ben);
  const { page } = await signIn(browser, ann);

  await page.goto(`/apps/${hello.appId}`);
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('consent-deny').click(); // Hello asks for the profile first; not needed here
  const frame = labFrame(page);
  await frame.getByRole('link', { name: 'Pay' }).click();
  await expect(page.getByTestId('miniapp-title')).toHaveText('Pay a tip');

  await page.getByTestId('miniapp-more').click();
  await page.getByTestId('miniapp-menu-share').click();
  await expect(page.getByTestId('share-picker')).toContainText('Pay a tip');
  await page.getByTestId('share-target').filter({ hasText: 'Ben Pages' }).click();
  await page.getByTestId('share-confirm').click();
  await expect(page.getByTestId('miniapp-toast')).toBeVisible();

  const benSession = await signIn(browser, ben);
  const benPage = benSession.page;
  await benPage.getByTestId('chat-row').filter({ hasText: 'Ann Pages' }).click();
  const card = benPage.locator(`[data-testid="miniapp-card"][data-app-id="${hello.appId}"]`);
  await expect(card).toContainText('Pay a tip');
  await expect(card).toHaveAttribute('href', `/apps/${hello.appId}?path=%2Fpay`);
  await shot(benPage, 'share-card');
  await card.click();
  await expect(benPage.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await benPage.getByTestId('consent-deny').click();
  await expect(benPage.getByTestId('miniapp-title')).toHaveText('Pay a tip');
  await expect(benPage.getByTestId('miniapp-main-button')).toHaveText('Pay ¥0.01');
  await benSession.context.close();
});

for (const [locale, title, text] of [
  ['en-US', 'Your turn is near', 'One message when three people are ahead of you in the queue.'],
  ['zh-CN', '快到你了', '排队前面还剩三个人时，提醒你一次。'],
] as const) {
  test(`the subscribe dialog shows each template's title and text (${locale})`, async ({ browser, request }) => {
    const { appId } = await publishMiniApp(request, { name: 'Clinic Lab', files: await fixtureFiles(LAB) });
    const user = await registerUser(request, 'Sue Subscribe');
    const { page, context } = await signIn(browser, user, locale);
    await page.goto(`/apps/${appId}`);
    const frame = labFrame(page);
    await expect(frame.locator('#status')).toHaveText('connected');
    await frame.locator('#subscribe').click();
    const near = page.locator('[data-testid="subscribe-template"][data-template-id="queue_near"]');
    await expect(near).toContainText(title);
    await expect(near).toContainText(text);
    await expect(page.getByTestId('subscribe-dialog')).not.toContainText('queue_near');
    await shot(page, `subscribe-${locale}`);
    await page.getByTestId('subscribe-confirm').click();
    await expect(frame.locator('#log [data-method="subscribe.request"]').last()).toContainText('"queue_near":"accept"');
    await context.close();
  });
}

test('undeclared templates and bad page paths are refused without a dialog', async ({ browser, request }) => {
  const hostile = await publishMiniApp(request, { name: 'Harmless', files: await fixtureFiles(HOSTILE) });
  const user = await registerUser(request, 'Pat Probe');
  const { page, context } = await signIn(browser, user);
  const frame: Frame = await openMiniApp(page, hostile.appId);
  const call = (method: string, params: unknown) =>
    frame.evaluate(
      ([m, p]) =>
        (
          window as unknown as { hostile: { call(m: string, p: unknown): Promise<{ error?: { code: string } }> } }
        ).hostile.call(m as string, p),
      [method, params] as const,
    );
  expect((await call('subscribe.request', { templateIds: ['anything'] })).error?.code).toBe('template_not_declared');
  await expect(page.getByTestId('subscribe-dialog')).toHaveCount(0);
  for (const bad of ['https://evil.example/', '//evil.example', '/a#b'])
    expect((await call('page.report', { path: bad })).error?.code, bad).toBe('validation_failed');
  await context.close();
});

test('the wallet statement labels mini-program payments, debits and refunds with the app, in both languages', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const shop = await publishMiniApp(request, { name: 'Noodle Lab', files: await fixtureFiles(LAB) });
  const user = await fundedUser(request, 'Wen Wallet', { pin: '135790', amountFen: 10_000 });
  const auth = { authorization: `Bearer ${user.accessToken}` };
  // What the app's backend does (Open API) and what the cashier and the agreement dialog do (host API).
  const backend = await openApi(request, shop);
  const code = await request.post('/api/bridge/login-code', { headers: auth, data: { appId: shop.appId } });
  const { code: loginCode } = (await code.json()) as { code: string };
  const { openId } = (await backend.call('POST', '/auth/code2session', { code: loginCode })).body as { openId: string };
  const order = await backend.call('POST', '/payments/orders', {
    outTradeNo: `t_${randomUUID().slice(0, 8)}`,
    openId,
    amount: 1_280,
    description: 'Beef noodles',
  });
  const orderId = order.body.orderId as string;
  const paid = await request.post(`/api/payments/orders/${orderId}/pay`, {
    headers: { ...auth, 'idempotency-key': randomUUID() },
    data: { pin: '135790' },
  });
  expect(paid.ok()).toBe(true);
  const refund = await backend.call('POST', `/payments/orders/${orderId}/refunds`, {
    outRefundNo: `r_${randomUUID().slice(0, 8)}`,
    amount: 280,
  });
  expect(refund.status).toBe(201);
  await request.put('/api/me/consents', {
    headers: auth,
    data: { appId: shop.appId, scope: 'payment.debit', granted: true },
  });
  const agreement = await request.post('/api/payments/agreements', {
    headers: { ...auth, 'idempotency-key': randomUUID() },
    data: { appId: shop.appId, monthlyLimitFen: 5_000, description: 'Lunch club', pin: '135790' },
  });
  const { agreementId } = (await agreement.json()) as { agreementId: string };
  const debit = await backend.call('POST', '/payments/debits', {
    agreementId,
    outTradeNo: `d_${randomUUID().slice(0, 8)}`,
    amount: 500,
  });
  expect(debit.status).toBe(201);

  for (const [locale, labels] of [
    ['en-US', ['Noodle Lab — automatic debit', 'Refund from Noodle Lab', 'Noodle Lab — payment', 'Top-up']],
    ['zh-CN', ['Noodle Lab 自动扣款', 'Noodle Lab 退款', '小程序付款 · Noodle Lab', '零钱充值']],
  ] as const) {
    const { page, context } = await signIn(browser, user, locale);
    await page.goto('/me/wallet');
    const lines = page.getByTestId('statement-line');
    await expect(lines).toHaveCount(4);
    for (const [i, label] of labels.entries()) await expect(lines.nth(i).locator('.statement__kind')).toHaveText(label);
    await expect(lines.nth(2)).toContainText('Beef noodles');
    await expect(lines.nth(2)).toHaveAttribute('data-app-id', shop.appId);
    await shot(page, `statement-${locale}`);
    await context.close();
  }
});
