import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { openHostile, rawOk as ok } from './raw-bridge';
import { fixtureFiles, publishMiniApp, registerUser, screenshotter, signIn } from './support';

/** Me → Mini-program permissions → "Clear data" (DESIGN §6: storage is cleared when the person removes it). */
const HOSTILE = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));
const shot = screenshotter('storage-clear');

const section = (page: Page, appId: string) => page.locator(`[data-testid="permissions-app"][data-app-id="${appId}"]`);

test('Clear data forgets what one app keeps and its device key; the export lists the keys', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const files = await fixtureFiles(HOSTILE);
  const transit = await publishMiniApp(request, { name: 'Metro 地铁', files });
  const shop = await publishMiniApp(request, { name: 'Corner Shop', files });
  const user = await registerUser(request, 'Clara Clear');

  const { page, context } = await signIn(browser, user);
  let frame = await openHostile(page, transit.appId);
  for (const [key, value] of [
    ['card', '{"id":"c-7"}'],
    ['history', '[1,2,3]'],
    ['pref', '靠窗'],
  ])
    await ok(frame, 'storage.set', { key, value });
  const before = await ok<{ keyId: string }>(frame, 'device.getPublicKey');
  const shopFrame = await openHostile(page, shop.appId);
  await ok(shopFrame, 'storage.set', { key: 'basket', value: 'apples' });

  await page.goto('/me');
  await page.getByTestId('me-permissions').click();
  await expect(section(page, transit.appId).getByTestId('stored-data')).toContainText('3 items · 25 B');
  await expect(section(page, shop.appId).getByTestId('stored-data')).toContainText('1 item · 6 B');
  await expect(section(page, transit.appId)).toContainText('Metro 地铁');
  await shot(page, 'en');

  const download = page.waitForEvent('download');
  await page.getByTestId('permissions-export').click();
  const exported = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as {
    storage: Array<{ appId: string; keys: string[] }>;
  };
  expect(exported.storage.map((s) => [s.appId, s.keys])).toEqual([
    [shop.appId, ['basket']],
    [transit.appId, ['card', 'history', 'pref']],
  ]);

  // Cancel keeps everything; confirm clears this app only.
  await section(page, transit.appId).getByTestId('stored-data-clear').click();
  await expect(page.getByTestId('clear-data-dialog')).toContainText('Clear the data of Metro 地铁?');
  await shot(page, 'en-confirm');
  await page.getByTestId('clear-data-cancel').click();
  await expect(section(page, transit.appId).getByTestId('stored-data')).toBeVisible();
  await section(page, transit.appId).getByTestId('stored-data-clear').click();
  await page.getByTestId('clear-data-confirm').click();
  await expect(page.getByTestId('clear-data-dialog')).toHaveCount(0);
  await expect(section(page, transit.appId)).toHaveCount(0);
  await expect(section(page, shop.appId).getByTestId('stored-data')).toBeVisible();
  await page.reload();
  await expect(section(page, shop.appId)).toBeVisible();
  await expect(section(page, transit.appId)).toHaveCount(0);

  frame = await openHostile(page, transit.appId);
  expect(await ok(frame, 'storage.keys')).toEqual({ keys: [], next: null });
  expect(await ok(frame, 'storage.get', { key: 'card' })).toEqual({ value: null });
  const after = await ok<{ keyId: string }>(frame, 'device.getPublicKey');
  expect(after.keyId, 'the old device key went with the data').not.toBe(before.keyId);
  const shopAgain = await openHostile(page, shop.appId);
  expect(await ok(shopAgain, 'storage.get', { key: 'basket' })).toEqual({ value: 'apples' });
  await context.close();

  // The same page in Chinese.
  const zh = await signIn(browser, user, 'zh-CN');
  await zh.page.goto('/me');
  await zh.page.getByTestId('me-permissions').click();
  await expect(section(zh.page, shop.appId).getByTestId('stored-data')).toContainText('存储的数据');
  await expect(section(zh.page, shop.appId).getByTestId('stored-data')).toContainText('1 项 · 6 B');
  await shot(zh.page, 'zh');
  await section(zh.page, shop.appId).getByTestId('stored-data-clear').click();
  await expect(zh.page.getByTestId('clear-data-dialog')).toContainText('清除“Corner Shop”的数据？');
  await shot(zh.page, 'zh-confirm');
  await zh.page.getByTestId('clear-data-confirm').click();
  await expect(zh.page.getByTestId('permissions-app')).toHaveCount(0);
  await expect(zh.page.getByText('还没有授权记录')).toBeVisible();
  await shot(zh.page, 'zh-empty');
  await zh.context.close();
});
