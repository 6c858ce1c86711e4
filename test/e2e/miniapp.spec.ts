import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import { befriend, publishMiniApp, registerUser, screenshotter, signIn, uniqueName } from './support';

const shot = screenshotter('miniapp');
const FIXTURE = fileURLToPath(new URL('./fixtures/bridge-app/', import.meta.url));

/** The fixture mini-program's files (index.html, app.js, app.css, miniapp.json). */
async function fixtureFiles(): Promise<Record<string, string>> {
  const names = await readdir(FIXTURE);
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(FIXTURE + n, 'utf8')])));
}

const frameOf = (page: Page): FrameLocator => page.frameLocator('[data-testid="miniapp-frame"]');

/** The fixture's log line for a method's answer (the newest one). */
const answer = (frame: FrameLocator, method: string) => frame.locator(`#log [data-method="${method}"]`).last();

async function publishLab(request: APIRequestContext, name: string) {
  const files = await fixtureFiles();
  return publishMiniApp(request, { name, category: 'tools', description: 'Pokes every bridge method', files });
}

test('Discover → open a mini-program: title bar, capsule, consent, close, recently used', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const tag = uniqueName('lab').slice(-6);
  const name = `Bridge Lab ${tag}`;
  const { appId } = await publishLab(request, name);
  const user = await registerUser(request, 'Mia Lin');
  const { page } = await signIn(browser, user);

  await page.goto('/discover');
  await page.getByTestId('discover-search').fill(tag);
  const row = page.locator(`[data-testid="discover-app"][data-app-id="${appId}"]`);
  await expect(row).toContainText(name);
  await expect(page.getByTestId('discover-app')).toHaveCount(1);
  await shot(page, 'discover-search');
  await row.click();

  await expect(page).toHaveURL(new RegExp(`/apps/${appId}$`));
  const app = page.getByTestId('miniapp-page');
  await expect(app).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('miniapp-title')).toHaveText(name);
  const iframe = page.getByTestId('miniapp-frame');
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  await expect(iframe).toHaveAttribute('allow', '');
  await expect(iframe).toHaveAttribute('referrerpolicy', 'no-referrer');
  expect(await iframe.getAttribute('src')).not.toMatch(/token|Bearer|eyJ/i);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');

  await frame.locator('#title').click();
  await expect(page.getByTestId('miniapp-title')).toHaveText('Lab · page two');
  await frame.locator('#toast').click();
  await expect(page.getByTestId('miniapp-toast')).toHaveText('Hello from the lab');
  await frame.locator('#main').click();
  await page.getByTestId('miniapp-main-button').click();
  await expect(frame.locator('#log [data-event="mainButton.clicked"]')).toHaveCount(1);
  await shot(page, 'page');

  await page.getByTestId('miniapp-more').click();
  await page.getByTestId('miniapp-menu-about').click();
  await expect(page.getByTestId('about-dialog')).toContainText(name);
  await expect(page.getByTestId('about-dialog')).toContainText('Pokes every bridge method');
  await expect(page.getByTestId('about-version')).toContainText('1.0.0');
  await page.getByTestId('about-ok').click();

  // First use of a scope: the host asks; Allow → the nickname reaches the iframe; the second call does not ask.
  await frame.locator('#profile').click();
  const consent = page.getByTestId('consent-dialog');
  await expect(consent).toHaveAttribute('data-scope', 'profile');
  await expect(consent).toContainText(name);
  await shot(page, 'consent');
  await page.getByTestId('consent-allow').click();
  await expect(frame.locator('#nickname')).toHaveText('Mia Lin');
  await frame.locator('#profile').click();
  await expect(frame.locator('#log [data-method="user.getProfile"][data-ok="true"]')).toHaveCount(2);
  await expect(consent).toHaveCount(0);

  // Deny location: scope_denied, and the next call fails at once without a dialog.
  await frame.locator('#location').click();
  await expect(consent).toHaveAttribute('data-scope', 'location');
  await page.getByTestId('consent-deny').click();
  await expect(answer(frame, 'location.get')).toContainText('scope_denied');
  await frame.locator('#location').click();
  await expect(frame.locator('#log [data-method="location.get"][data-ok="false"]')).toHaveCount(2);
  await expect(consent).toHaveCount(0);

  await page.getByTestId('miniapp-close').click();
  await expect(page).toHaveURL(/\/discover$/);
  await expect(page.getByTestId('discover-recent')).toContainText(name);
  await shot(page, 'discover-recent');
});

test('share.toChat sends a card to a chat; tapping the card opens the app at that page', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `Share Lab ${uniqueName('s').slice(-6)}`;
  const { appId } = await publishLab(request, name);
  const ann = await registerUser(request, 'Ann Share');
  const ben = await registerUser(request, 'Ben Friend');
  await befriend(request, ann, ben);
  const { page } = await signIn(browser, ann);

  // Opened directly (no history): ✕ goes to Discover.
  await page.goto(`/apps/${appId}`);
  const frame = frameOf(page);
  await expect(frame.locator('#status')).toHaveText('connected');
  await frame.locator('#share').click();
  const picker = page.getByTestId('share-picker');
  await expect(picker).toBeVisible();
  await expect(page.getByTestId('share-confirm')).toBeDisabled();
  await page.getByTestId('share-target').filter({ hasText: 'Ben Friend' }).click();
  await shot(page, 'share-picker');
  await page.getByTestId('share-confirm').click();
  await expect(answer(frame, 'share.toChat')).toContainText('shared');
  await page.getByTestId('miniapp-close').click();
  await expect(page).toHaveURL(/\/discover$/);

  // Ben sees the card and opens the app at the shared page.
  const benSession = await signIn(browser, ben);
  const benPage = benSession.page;
  await benPage.getByTestId('chat-row').filter({ hasText: 'Ann Share' }).click();
  const card = benPage.locator(`[data-testid="miniapp-card"][data-app-id="${appId}"]`);
  await expect(card).toContainText('Try the lab');
  await expect(card).toContainText(name);
  await shot(benPage, 'card');
  await card.click();
  await expect(benPage).toHaveURL(new RegExp(`/apps/${appId}\\?path=`));
  const benFrame = frameOf(benPage);
  await expect(benFrame.locator('#context')).toContainText('"from":"share"');
  await expect(benFrame.locator('#context')).toContainText('#/lab');
  // Came from the chat: ✕ goes back there.
  await benPage.getByTestId('miniapp-close').click();
  await expect(benPage.getByTestId('composer-input')).toBeVisible();
});
