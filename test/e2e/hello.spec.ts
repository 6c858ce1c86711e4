import { expect, test } from '@playwright/test';
import { miniAppFrame } from './apps';
import { balanceOf, fundedUser, screenshotter, signIn } from './support';

/**
 * The bundled Hello app (miniapps/hello: page on the SDK only, backend on the Open API only), published through the
 * pipeline by the e2e server with its real backend: what a person does with it, end to end through the real UI.
 */
const shot = screenshotter('hello');

test('Hello: found in Discover, greets by name after consent, logs in, takes ¥0.01, refunds it, sends a notification', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const user = await fundedUser(request, 'Hana Hello', { pin: '246810', amountFen: 500 });
  const { context, page } = await signIn(browser, user);

  await page.goto('/discover');
  await page.getByTestId('discover-search').fill('hello');
  const row = page.getByTestId('discover-app').filter({ hasText: 'Hello' });
  await expect(row).toHaveCount(1);
  const appId = (await row.getAttribute('data-app-id')) ?? '';
  await row.click();
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  const frame = page.frameLocator('[data-testid="miniapp-frame"]');

  // First use of `profile`: the host asks; after Allow the page knows the nickname (and nothing else).
  await expect(page.getByTestId('consent-dialog')).toBeVisible();
  await page.getByTestId('consent-allow').click();
  await expect(frame.getByRole('heading', { name: 'Hello, Hana Hello' })).toBeVisible();
  await frame.getByRole('button', { name: 'Log in' }).click();
  await expect(frame.getByText(/Logged in as o/)).toBeVisible();
  // The session is kept in the messenger's storage (bridge storage.*): a reload of the whole page keeps it.
  await page.reload();
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await expect(frame.getByText(/Logged in as o/)).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Log in' })).toHaveCount(0);
  await shot(page, 'home');

  // Pay: the backend creates the order, the host's cashier shows the server's amount, the PIN pays it, and the
  // backend learns it from the signed webhook.
  await frame.getByRole('link', { name: 'Pay' }).click();
  await expect(page.getByTestId('miniapp-title')).toHaveText('Pay a tip');
  await expect(page.getByTestId('miniapp-main-button')).toHaveText('Pay ¥0.01');
  await frame.getByRole('button', { name: 'Pay ¥0.01' }).click();
  await expect(page.getByTestId('cashier-sheet')).toBeVisible();
  await expect(page.getByTestId('cashier-app')).toHaveText('Hello');
  await expect(page.getByTestId('cashier-amount')).toContainText('0.01');
  await shot(page, 'cashier');
  await page.getByTestId('pin-input').fill('246810');
  await expect(page.getByTestId('cashier-sheet')).toBeHidden();
  await expect(frame.getByText('payment.succeeded')).toBeVisible({ timeout: 20_000 });
  await expect(frame.locator('.row', { hasText: 'Status' })).toContainText('paid');
  expect(await balanceOf(request, user)).toBe(499);
  await shot(page, 'paid');

  await frame.getByRole('button', { name: 'Refund' }).click();
  await expect(frame.locator('.row', { hasText: 'Status' })).toContainText('refunded', { timeout: 20_000 });
  await expect(frame.getByText('refund.succeeded')).toBeVisible();
  expect(await balanceOf(request, user)).toBe(500);

  // One accepted subscription = one service notification, which opens the app again.
  await page.goto(`/apps/${appId}?path=${encodeURIComponent('/notify')}`);
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await miniAppFrame(page, appId);
  await frame.getByRole('button', { name: 'Subscribe to updates' }).click();
  await expect(page.getByTestId('subscribe-dialog')).toBeVisible();
  await page.getByTestId('subscribe-confirm').click();
  await expect(page.getByTestId('miniapp-toast')).toContainText('Subscribed');
  await frame.getByRole('button', { name: 'Send me a notification' }).click();
  await expect(page.getByTestId('miniapp-toast')).toContainText('Sent');

  await page.getByTestId('miniapp-close').click();
  await page.goto('/chats');
  const service = page.getByTestId('chat-row').filter({ hasText: 'Service notifications' });
  await expect(service).toBeVisible();
  await service.click();
  await expect(page.getByTestId('service-card')).toHaveCount(1);
  await expect(page.getByTestId('service-card')).toContainText('Hello');
  await shot(page, 'notification');
  await page.getByTestId('service-details').click();
  await expect(page.getByTestId('miniapp-page')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('miniapp-title')).toHaveText('Notifications');
  await context.close();
});
