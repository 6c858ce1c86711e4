import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { registerUser, screenshotter, signIn } from './support';

const shot = screenshotter('devportal');

/** Writes a zip of these files to a temp dir and returns its path (for setInputFiles). */
async function zipFile(name: string, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'devportal-'));
  const file = path.join(dir, name);
  const entries = Object.fromEntries(Object.entries(files).map(([p, text]) => [p, strToU8(text)]));
  await writeFile(file, zipSync(entries));
  return file;
}

function validPackage(version: string): Promise<string> {
  return zipFile(`app-${version}.zip`, {
    'miniapp.json': JSON.stringify({ name: 'Step Counter', version, entry: 'index.html', scopes: ['profile'] }),
    'index.html': `<!doctype html><title>Steps</title><h1>Steps ${version}</h1>`,
  });
}

const row = (page: Page, version: string) => page.locator(`[data-testid="version-row"][data-version="${version}"]`);

async function upload(page: Page, file: string, version: string): Promise<void> {
  await page.getByTestId('package-input').setInputFiles(file);
  await expect(row(page, version)).toHaveAttribute('data-status', 'draft');
  await row(page, version).getByTestId('version-submit').click();
  await expect(row(page, version)).toHaveAttribute('data-status', 'in_review');
}

test('a developer registers an app, uploads packages, gets them reviewed, releases gray then full, rolls back', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const dev = await registerUser(request, 'Dev Dana', 'devp');
  const { context, page } = await signIn(browser, dev);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  await page.goto('/me');
  await expect(page.getByTestId('me-reviews')).toHaveCount(0);
  await page.getByTestId('me-developer').click();
  await expect(page).toHaveURL(/\/me\/dev$/);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.getByTestId('register-app').click();
  await page.getByTestId('register-app-name').fill('Step Counter');
  await page.getByTestId('register-app-category').selectOption('health');
  await page.getByTestId('register-app-description').fill('Counts your steps');
  await page.getByTestId('register-app-submit').click();

  // The secret is shown once, copyable.
  const secret = page.getByTestId('app-secret');
  await expect(secret).toHaveText(/\S{16,}/);
  const secretText = (await secret.textContent()) ?? '';
  await page.getByTestId('secret-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secretText);
  await shot(page, 'secret');
  await page.getByTestId('secret-done').click();
  await expect(page).toHaveURL(/\/me\/dev\/mp[a-z0-9]{10}$/);
  const appId = (await page.getByTestId('dev-app-id').textContent()) ?? '';
  expect(appId).toMatch(/^mp[a-z0-9]{10}$/);
  await expect(page.getByTestId('app-secret')).toHaveCount(0);

  // Rotating asks first, then shows a new secret once.
  await page.getByTestId('secret-rotate').click();
  await page.getByTestId('secret-rotate-confirm').click();
  await expect(page.getByTestId('app-secret')).toHaveText(/\S{16,}/);
  expect(await page.getByTestId('app-secret').textContent()).not.toBe(secretText);
  await page.getByTestId('secret-done').click();
  await expect(page.getByTestId('app-secret')).toHaveCount(0);

  // Settings: an invalid domain is reported inline, then a valid one saves.
  await page.getByTestId('settings-webhook').fill('https://dana.example.com/hook');
  await page.getByTestId('settings-domains').fill('https://api.dana.example.com\nnot a domain');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-domains-error')).toContainText('not a domain');
  await page.getByTestId('settings-domains').fill('https://api.dana.example.com');
  // The launch config reaches the page as context.config: one package, any deployment.
  await page.getByTestId('settings-launch-config').fill('backendUrl https://api.dana.example.com');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-launch-config-error')).toContainText('backendUrl https://api');
  await page.getByTestId('settings-launch-config').scrollIntoViewIfNeeded();
  await shot(page, 'settings-error');
  await page.getByTestId('settings-launch-config').fill('backendUrl=https://api.dana.example.com\ntheme=red');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('settings-launch-config')).toHaveValue(
    'backendUrl=https://api.dana.example.com\ntheme=red',
  );

  // An invalid package lists every problem.
  const invalid = await zipFile('broken.zip', {
    'miniapp.json': JSON.stringify({ name: '', version: 'one', entry: 'index.html', scopes: ['microphone'] }),
    'index.html': '<p>hi</p>',
  });
  await page.getByTestId('package-input').setInputFiles(invalid);
  const problems = page.getByTestId('package-errors').locator('li');
  await expect(problems.first()).toBeVisible();
  await expect(problems).toHaveCount(3);
  await expect(page.getByTestId('package-errors')).toContainText('miniapp.json version');
  await expect(page.getByTestId('package-errors')).toContainText('miniapp.json scopes.0');
  await shot(page, 'invalid-package');

  await upload(page, await validPackage('1.0.0'), '1.0.0');
  await shot(page, 'in-review');

  const admin = await signIn(browser, { username: 'admin', password: 'admin-pass-123' });
  const review = async (version: string, reject?: string) => {
    await admin.page.goto('/me');
    await admin.page.getByTestId('me-reviews').click();
    const item = admin.page.locator(`[data-testid="review-row"][data-app-id="${appId}"][data-version="${version}"]`);
    await expect(item).toContainText('Step Counter');
    await expect(item.getByTestId('review-scopes')).toContainText('Nickname and avatar');
    if (reject) {
      await item.getByTestId('review-reject').click();
      await admin.page.getByTestId('review-reject-confirm').click();
      await expect(admin.page.getByTestId('review-reason-error')).toBeVisible();
      await admin.page.getByTestId('review-reason').fill(reject);
      await admin.page.getByTestId('review-reject-confirm').click();
    } else {
      await shot(admin.page, 'review-queue');
      await item.getByTestId('review-approve').click();
    }
    await expect(item).toHaveCount(0);
  };
  await review('1.0.0');

  // Gray release at 20 %, then everyone.
  await page.reload();
  await expect(row(page, '1.0.0')).toHaveAttribute('data-status', 'approved');
  await row(page, '1.0.0').getByTestId('release-percent').fill('20');
  await row(page, '1.0.0').getByTestId('release-submit').click();
  await expect(row(page, '1.0.0')).toHaveAttribute('data-status', 'released');
  await expect(row(page, '1.0.0').getByTestId('version-gray')).toContainText('20');
  await shot(page, 'gray');
  await row(page, '1.0.0').getByTestId('release-full').click();
  await expect(row(page, '1.0.0').getByTestId('version-gray')).toHaveCount(0);

  // 1.1.0: rejected with a reason, fixed and resubmitted, approved, released, then rolled back.
  await upload(page, await validPackage('1.1.0'), '1.1.0');
  await review('1.1.0', 'The title is missing a translation');
  await page.reload();
  await expect(row(page, '1.1.0')).toHaveAttribute('data-status', 'rejected');
  await expect(row(page, '1.1.0').getByTestId('version-review-note')).toContainText('missing a translation');
  await row(page, '1.1.0').getByTestId('version-submit').click();
  await expect(row(page, '1.1.0')).toHaveAttribute('data-status', 'in_review');
  await review('1.1.0');
  await page.reload();
  await row(page, '1.1.0').getByTestId('release-percent').fill('100');
  await row(page, '1.1.0').getByTestId('release-submit').click();
  await expect(row(page, '1.1.0')).toHaveAttribute('data-status', 'released');
  const launched = async () => {
    const res = await request.get(`/api/miniapps/${appId}/launch`, {
      headers: { authorization: `Bearer ${dev.accessToken}` },
    });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { version: string }).version;
  };
  expect(await launched()).toBe('1.1.0');
  await shot(page, 'released');

  await row(page, '1.0.0').getByTestId('version-rollback').click();
  await expect(row(page, '1.1.0').getByTestId('version-rollback')).toBeVisible();
  await expect(row(page, '1.0.0').getByTestId('version-rollback')).toHaveCount(0);
  expect(await launched()).toBe('1.0.0');
  await shot(page, 'rolled-back');
  await admin.context.close();
  await context.close();
});

test('non-admins get no review queue; the portal speaks Chinese', async ({ browser, request }) => {
  const user = await registerUser(request, '开发者', 'devzh');
  const { context, page } = await signIn(browser, user, 'zh-CN');
  await page.goto('/me/reviews');
  await expect(page.getByTestId('empty-state')).toContainText('只有管理员可以审核小程序');
  await expect(page.getByTestId('review-row')).toHaveCount(0);
  await page.goto('/me');
  await expect(page.getByTestId('me-reviews')).toHaveCount(0);
  await page.getByTestId('me-developer').click();
  await page.getByTestId('register-app').click();
  await page.getByTestId('register-app-submit').click();
  await expect(page.getByRole('alert')).toContainText('请输入名称');
  await page.getByTestId('register-app-name').fill('城市地图');
  await page.getByTestId('register-app-submit').click();
  await page.getByTestId('secret-done').click();
  await expect(page.getByTestId('dev-app-id')).toBeVisible();
  await page.getByTestId('package-input').setInputFiles(await validPackage('1.0.0'));
  await expect(row(page, '1.0.0')).toContainText('草稿');
  await shot(page, 'zh');
  await page.getByTestId('settings-launch-config').scrollIntoViewIfNeeded();
  await shot(page, 'settings-zh');
  await context.close();
});
