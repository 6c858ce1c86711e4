import { fileURLToPath } from 'node:url';
import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type FrameLocator,
  type Page,
} from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { fixtureFiles, publishMiniApp, registerUser, signIn, uniqueName } from './support';

/** Shared steps of the scan.code specs with a (fake) camera: the launch flags and an open scanner sheet. */
const FIXTURE = fileURLToPath(new URL('./fixtures/bridge-app/', import.meta.url));

export const FAKE_DEVICE = '--use-fake-device-for-media-stream';

/** Launch options for one spec file (`test.use` at the top: a browser flag needs a worker of its own). */
export const launchWith = (...args: string[]) => ({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });

export const frameOf = (page: Page): FrameLocator => page.frameLocator('[data-testid="miniapp-frame"]');

/**
 * A new person signed in, the camera allowed (or not) for the host's origin only — never the app's — the Bridge Lab
 * open, its Scan button tapped, the camera scope granted in the host's consent dialog: the scanner sheet is up.
 */
export async function scannerOpen(
  browser: Browser,
  request: APIRequestContext,
  { locale = 'en-US', camera }: { locale?: string; camera: boolean },
): Promise<{ page: Page; frame: FrameLocator; context: BrowserContext; baseURL: string }> {
  const files = await fixtureFiles(FIXTURE);
  const { appId } = await publishMiniApp(request, { name: `Camera Lab ${uniqueName('c').slice(-6)}`, files });
  const user = await registerUser(request, 'Cam Era');
  const { page, context } = await signIn(browser, user, locale);
  const baseURL = new URL(page.url()).origin;
  if (camera) await context.grantPermissions(['camera'], { origin: baseURL });
  await page.goto(`/apps/${appId}`);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');
  await frame.locator('#scan').click();
  await expect(page.getByTestId('consent-dialog')).toHaveAttribute('data-scope', 'camera');
  await page.getByTestId('consent-allow').click();
  await expect(page.getByTestId('scan-sheet')).toBeVisible();
  return { page, frame, context, baseURL };
}
