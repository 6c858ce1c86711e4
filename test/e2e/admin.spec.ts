import { expect, test, type Page } from '@playwright/test';
import { publishMiniApp, registerUser, screenshotter, signIn, uniqueName } from './support';

const shot = screenshotter('admin');

const appRow = (page: Page, appId: string) => page.locator(`[data-testid="admin-app"][data-app-id="${appId}"]`);
const auditRow = (page: Page, appId: string, action: string) =>
  page.locator(`[data-testid="audit-row"][data-target-id="${appId}"][data-action="${action}"]`);

test('an admin suspends an app with a reason, sees it suspended and in the audit log, then resumes it', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `Shady Shop ${uniqueName('s').slice(-6)}`;
  const { appId } = await publishMiniApp(request, {
    name,
    category: 'shopping',
    files: {
      'miniapp.json': JSON.stringify({ name, version: '1.0.0', entry: 'index.html', scopes: [] }),
      'index.html': '<!doctype html><title>Shop</title><h1>Shop</h1>',
    },
  });
  const user = await registerUser(request, 'Shopper', 'shop');
  const launch = () =>
    request.get(`/api/miniapps/${appId}/launch`, { headers: { authorization: `Bearer ${user.accessToken}` } });
  expect((await launch()).status()).toBe(200);

  const { context, page } = await signIn(browser, { username: 'admin', password: 'admin-pass-123' });
  await page.goto('/me');
  await page.getByTestId('me-reviews').click();
  await page.getByTestId('admin-tab-apps').click();
  const row = appRow(page, appId);
  await expect(row).toHaveAttribute('data-status', 'active');

  // A reason is required.
  await row.getByTestId('admin-app-suspend').click();
  await page.getByTestId('suspend-confirm').click();
  await expect(page.getByTestId('suspend-reason-error')).toBeVisible();
  await page.getByTestId('suspend-reason').fill('Selling counterfeit goods');
  await shot(page, 'suspend-dialog');
  await page.getByTestId('suspend-confirm').click();
  await expect(row).toHaveAttribute('data-status', 'suspended');
  await expect(row.getByTestId('admin-app-resume')).toBeVisible();
  await shot(page, 'apps');
  // Suspended for everyone at once: nobody can open it.
  expect((await launch()).status()).toBe(404);

  await page.getByTestId('admin-tab-audit').click();
  const suspended = auditRow(page, appId, 'app.suspend');
  await expect(suspended).toBeVisible();
  await expect(suspended.getByTestId('audit-reason')).toContainText('Selling counterfeit goods');
  await shot(page, 'audit');

  await page.getByTestId('admin-tab-apps').click();
  await appRow(page, appId).getByTestId('admin-app-resume').click();
  await expect(appRow(page, appId)).toHaveAttribute('data-status', 'active');
  expect((await launch()).status()).toBe(200);
  await page.getByTestId('admin-tab-audit').click();
  // Newest first (rows of other specs running at the same time may sit in between).
  const ours = page.locator(`[data-testid="audit-row"][data-target-id="${appId}"]`);
  await expect(ours).toHaveCount(2);
  await expect(ours.nth(0)).toHaveAttribute('data-action', 'app.resume');
  await expect(ours.nth(1)).toHaveAttribute('data-action', 'app.suspend');
  await context.close();
});
