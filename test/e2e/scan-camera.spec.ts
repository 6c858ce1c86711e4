import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { qrPng, writeQrY4m } from './qr-media';
import { FAKE_DEVICE, launchWith, scannerOpen } from './scanner';
import { screenshotter } from './support';

/**
 * scan.code with a camera: Chromium's fake capture device plays a Y4M clip of a QR code, written here before the
 * browser launches. Camera permission is granted per test to the host origin only.
 */
const shot = screenshotter('scan');
const CAMERA_TEXT = 'RIDE:line-2/gate-B/ticket=7f3a9c 地铁二号线';
const CLIP = path.join(tmpdir(), 'superapp-e2e-scan-qr.y4m');
writeQrY4m(CLIP, CAMERA_TEXT);

test.use({ launchOptions: launchWith(FAKE_DEVICE, `--use-file-for-fake-video-capture=${CLIP}`) });

test('the host scanner decodes the code from the live stream and the app gets exactly its text', async ({
  browser,
  request,
}) => {
  const { page, frame, context } = await scannerOpen(browser, request, { camera: true });
  await expect(frame.locator('#scanned')).toHaveText(CAMERA_TEXT);
  await expect(page.getByTestId('scan-sheet')).toHaveCount(0);
  await expect(frame.locator('#log [data-method="scan.code"][data-ok="true"]')).toHaveCount(1);
  await context.close();
});

test('the browser refused the camera: the sheet says so and the image fallback still works', async ({
  browser,
  request,
}) => {
  const { page, frame, context } = await scannerOpen(browser, request, { camera: false });
  const sheet = page.getByTestId('scan-sheet');
  await expect(sheet).toHaveAttribute('data-camera', 'denied');
  await expect(page.getByTestId('scan-camera-note')).toHaveText(
    "Camera access is blocked for this site. Allow it in your browser's site settings, or choose an image of the code.",
  );
  await shot(page, 'denied-en');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('scan-choose-image').click();
  await (await chooser).setFiles({ name: 'ticket.png', mimeType: 'image/png', buffer: await qrPng('ticket 0042') });
  await expect(frame.locator('#scanned')).toHaveText('ticket 0042');
  await context.close();
});

test('hostile: the frame cannot open the camera itself, even while the host page may', async ({ browser, request }) => {
  const { page, frame, context, baseURL } = await scannerOpen(browser, request, { camera: true });
  await expect(frame.locator('#scanned')).toHaveText(CAMERA_TEXT);
  // The same fake camera works for the host page, right now…
  const hostTracks = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const count = stream.getVideoTracks().length;
    stream.getTracks().forEach((t) => t.stop());
    return count;
  });
  expect(hostTracks).toBe(1);
  // …and the mini-program's own request is refused: no camera is delegated to its frame.
  await frame.locator('#camera').click();
  const own = frame.locator('#log [data-camera="getUserMedia"]');
  await expect(own).toHaveAttribute('data-ok', 'false');
  await expect(own).toContainText('NotAllowedError');
  await expect(page.getByTestId('miniapp-frame')).toHaveAttribute('allow', '');
  const headers = (await page.request.get(`${baseURL}/`)).headers();
  expect(headers['permissions-policy']).toContain('camera=(self)');
  await context.close();
});
