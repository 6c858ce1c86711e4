import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { registerUser, screenshotter, signIn } from './support';

const shot = screenshotter('permissions');

test('Me → Mini-program permissions lists, revokes and exports what a person allowed or denied', async ({
  browser,
  request,
}) => {
  const dev = await registerUser(request, 'Dev', 'dev');
  const created = await request.post('/api/dev/apps', {
    headers: { authorization: `Bearer ${dev.accessToken}` },
    data: { name: 'City Maps 城市地图', category: 'tools' },
  });
  expect(created.status()).toBe(201);
  const { app } = (await created.json()) as { app: { appId: string } };

  const user = await registerUser(request, 'Pat', 'perm');
  for (const [scope, granted] of [
    ['location', false],
    ['profile', true],
  ] as const) {
    const res = await request.put('/api/me/consents', {
      headers: { authorization: `Bearer ${user.accessToken}` },
      data: { appId: app.appId, scope, granted },
    });
    expect(res.status()).toBe(204);
  }

  const { page } = await signIn(browser, user, 'zh-CN');
  await page.goto('/me');
  await page.getByTestId('me-permissions').click();
  const rows = page.getByTestId('permission');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('permissions-app')).toContainText('City Maps 城市地图');
  await expect(page.locator('[data-scope="location"]')).toContainText('已拒绝');
  await expect(page.locator('[data-scope="profile"]')).toContainText('已允许');
  await shot(page, 'zh');

  const download = page.waitForEvent('download');
  await page.getByTestId('permissions-export').click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8')) as {
    consents: Array<{ appId: string; scope: string; granted: boolean }>;
  };
  expect(exported.consents.map((c) => [c.appId, c.scope, c.granted])).toEqual([
    [app.appId, 'location', false],
    [app.appId, 'profile', true],
  ]);

  await page.locator('[data-scope="location"]').getByTestId('permission-revoke').click();
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('permission')).toHaveCount(1);
  await expect(page.locator('[data-scope="profile"]')).toBeVisible();
});
