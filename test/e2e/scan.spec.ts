import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import { qrPng } from './qr-media';
import { fixtureFiles, publishMiniApp, registerUser, screenshotter, signIn, uniqueName } from './support';

/**
 * scan.code without a camera (this browser has none): consent, the host's scanner sheet saying so, and the
 * "choose an image" fallback decoding a real PNG. The live camera is scan-camera.spec.
 */
const shot = screenshotter('scan');
const FIXTURE = fileURLToPath(new URL('./fixtures/bridge-app/', import.meta.url));
/** Unicode, a query string and spaces: the app must receive exactly these characters. */
const TEXT = 'https://bikes.example/unlock?id=42&station=人民广场 #7';

const frameOf = (page: Page): FrameLocator => page.frameLocator('[data-testid="miniapp-frame"]');
const answers = (frame: FrameLocator) => frame.locator('#log [data-method="scan.code"]');

async function publishLab(request: APIRequestContext, scopes?: string[]) {
  const files = await fixtureFiles(FIXTURE);
  const name = `Scan Lab ${uniqueName('q').slice(-6)}`;
  if (scopes) files['miniapp.json'] = JSON.stringify({ name, version: '1.0.0', entry: 'index.html', scopes });
  return publishMiniApp(request, { name, files });
}

async function openLab(page: Page, appId: string): Promise<FrameLocator> {
  await page.goto(`/apps/${appId}`);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');
  return frame;
}

/** Picks a file through the sheet's own "Choose an image" button, as a person does. */
async function chooseImage(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('scan-choose-image').click();
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer });
}

test('scan.code: camera consent, no camera here, a chosen image without a code, then one with a code', async ({
  browser,
  request,
}) => {
  const { appId } = await publishLab(request);
  const user = await registerUser(request, 'Sia Scan');
  const { page, context } = await signIn(browser, user);
  const frame = await openLab(page, appId);

  await frame.locator('#scan').click();
  const consent = page.getByTestId('consent-dialog');
  await expect(consent).toHaveAttribute('data-scope', 'camera');
  await expect(consent).toContainText('Camera (scan codes)');
  await expect(consent).toContainText('the mini-program never sees your camera');
  await shot(page, 'consent-en');
  await page.getByTestId('consent-allow').click();

  const sheet = page.getByTestId('scan-sheet');
  await expect(sheet).toBeVisible();
  await expect(page.getByTestId('scan-app')).toContainText('Scan Lab');
  await expect(page.getByTestId('scan-hint')).toHaveText('Scan the code on the bike');
  // This Chromium has no camera device: the sheet says so and keeps the image fallback.
  await expect(sheet).toHaveAttribute('data-camera', 'none');
  await expect(page.getByTestId('scan-camera-note')).toHaveText(
    'No camera was found on this device. Choose an image of the code instead.',
  );

  const blank = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#f4f4f4' } })
    .png()
    .toBuffer();
  await chooseImage(page, 'blank.png', blank);
  await expect(page.getByTestId('scan-problem')).toHaveText(
    'No QR code found in this image. Try a sharper picture or another image.',
  );
  await chooseImage(page, 'notes.png', Buffer.from('not a picture at all'));
  await expect(page.getByTestId('scan-problem')).toHaveText("This file couldn't be opened as an image.");
  await shot(page, 'sheet-en');
  // A real QR code (version 40, 4,100 characters) whose text is longer than the bridge hands over.
  await chooseImage(page, 'huge.png', await qrPng('A'.repeat(4100), 'L'));
  await expect(page.getByTestId('scan-problem')).toHaveText('This code holds too much text to pass on.');
  await expect(answers(frame)).toHaveCount(0); // nothing reached the app while the sheet was open

  await chooseImage(page, 'bike.png', await qrPng(TEXT));
  await expect(sheet).toHaveCount(0);
  await expect(frame.locator('#scanned')).toHaveText(TEXT);
  await expect(answers(frame)).toHaveCount(1);
  await expect(answers(frame)).toHaveAttribute('data-ok', 'true');

  // The grant is stored: the next scan opens the sheet at once; × answers cancelled.
  await frame.locator('#scan').click();
  await expect(sheet).toBeVisible();
  await expect(consent).toHaveCount(0);
  await page.getByTestId('scan-cancel').click();
  await expect(frame.locator('#scanned')).toHaveText('(cancelled)');
  await context.close();
});

test('扫一扫 in zh-CN: the sheet and its messages in Chinese; Esc cancels', async ({ browser, request }) => {
  const { appId } = await publishLab(request);
  const user = await registerUser(request, 'Zhou Sao');
  const { page, context } = await signIn(browser, user, 'zh-CN');
  const frame = await openLab(page, appId);

  await frame.locator('#scan').click();
  await expect(page.getByTestId('consent-dialog')).toContainText('摄像头（扫码）');
  await expect(page.getByTestId('consent-dialog')).toContainText('看不到摄像头画面');
  await shot(page, 'consent-zh');
  await page.getByTestId('consent-allow').click();
  const sheet = page.getByTestId('scan-sheet');
  await expect(sheet.getByRole('heading')).toHaveText('扫一扫');
  await expect(page.getByTestId('scan-camera-note')).toHaveText('这台设备上没有找到摄像头，请选择一张二维码图片。');
  await expect(page.getByTestId('scan-choose-image')).toHaveText('从相册选择');
  const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  await chooseImage(page, 'blank.png', blank);
  await expect(page.getByTestId('scan-problem')).toHaveText('图片中未发现二维码，请换一张更清晰的图片。');
  await shot(page, 'sheet-zh');

  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(frame.locator('#scanned')).toHaveText('(cancelled)');
  await context.close();
});

test('hostile: a denied camera scope fails at once; an app that did not declare camera is refused without asking', async ({
  browser,
  request,
}) => {
  const declared = await publishLab(request);
  const undeclared = await publishLab(request, ['profile', 'location']);
  const user = await registerUser(request, 'Den Nied');
  const { page, context } = await signIn(browser, user);

  let frame = await openLab(page, declared.appId);
  await frame.locator('#scan').click();
  await expect(page.getByTestId('consent-dialog')).toHaveAttribute('data-scope', 'camera');
  await page.getByTestId('consent-deny').click();
  await expect(answers(frame).last()).toContainText('scope_denied');
  await expect(page.getByTestId('scan-sheet')).toHaveCount(0);
  // Stored denial: the next call fails at once, no dialog, no scanner.
  await frame.locator('#scan').click();
  await expect(frame.locator('#log [data-method="scan.code"][data-ok="false"]')).toHaveCount(2);
  await expect(answers(frame).last()).toContainText('scope_denied');
  await expect(page.getByTestId('consent-dialog')).toHaveCount(0);
  await expect(page.getByTestId('scan-sheet')).toHaveCount(0);

  frame = await openLab(page, undeclared.appId);
  await frame.locator('#scan').click();
  await expect(answers(frame)).toHaveCount(1);
  await expect(answers(frame)).toHaveAttribute('data-ok', 'false');
  await expect(answers(frame)).toContainText('scope_denied');
  await expect(page.getByTestId('consent-dialog')).toHaveCount(0);
  await expect(page.getByTestId('scan-sheet')).toHaveCount(0);

  const consents = await request.get('/api/me/consents', {
    headers: { authorization: `Bearer ${user.accessToken}` },
  });
  const { consents: list } = (await consents.json()) as { consents: Array<{ appId: string; granted: boolean }> };
  expect(list).toEqual([expect.objectContaining({ appId: declared.appId, scope: 'camera', granted: false })]);
  await context.close();
});
