import { expect, test } from '@playwright/test';
import { FAKE_DEVICE, launchWith, scannerOpen } from './scanner';
import { screenshotter } from './support';

/** The scanner sheet with a live camera that sees no code (Chromium's own moving test pattern): it stays open. */
const shot = screenshotter('scan');

test.use({ launchOptions: launchWith(FAKE_DEVICE) });

for (const [locale, aim] of [
  ['en-US', 'Hold the QR code inside the frame'],
  ['zh-CN', '将二维码放入框内，即可自动扫描'],
] as const) {
  test(`the live scanner sheet (${locale}); × answers cancelled and turns the camera off`, async ({
    browser,
    request,
  }) => {
    const { page, frame, context } = await scannerOpen(browser, request, { locale, camera: true });
    const sheet = page.getByTestId('scan-sheet');
    const video = page.getByTestId('scan-video');
    await expect(sheet).toHaveAttribute('data-camera', 'live');
    await expect(sheet).toContainText(aim);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    await shot(page, `live-${locale === 'zh-CN' ? 'zh' : 'en'}`);
    const handle = await video.elementHandle();
    const liveTracks = () =>
      handle!.evaluate(
        (v: HTMLVideoElement) =>
          ((v.srcObject as MediaStream | null)?.getTracks() ?? []).filter((t) => t.readyState === 'live').length,
      );
    expect(await liveTracks()).toBe(1);

    await page.getByTestId('scan-cancel').click();
    await expect(frame.locator('#scanned')).toHaveText('(cancelled)');
    await expect(sheet).toHaveCount(0);
    // The removed <video> still holds its stream: every track of it was stopped (the camera light is off).
    expect(await liveTracks()).toBe(0);
    await context.close();
  });
}
