import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** Shared steps of the e2e specs: users, signing in through the real form, screenshots. */
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const PASSWORD = 'correct-horse-42';

export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  accessToken: string;
}

/** Saves `screenshots/<prefix>-<name>.png`. */
export function screenshotter(prefix: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    await page.screenshot({ path: `${SCREENSHOTS}${prefix}-${name}.png` });
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A new account through the API (the UI flow itself is covered by auth.spec). */
export async function registerUser(request: APIRequestContext, displayName: string, prefix = 'e2e'): Promise<TestUser> {
  const created = await request.post('/api/auth/register', {
    data: { username: uniqueName(prefix), password: PASSWORD, displayName },
  });
  expect(created.status()).toBe(201);
  const { user, accessToken } = (await created.json()) as { user: TestUser; accessToken: string };
  return { ...user, accessToken };
}

/** A separate browser (own storage, own socket) signed in through the login form, connected. */
export async function signIn(
  browser: Browser,
  credentials: { username: string; password?: string },
  locale = 'en-US',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-username').fill(credentials.username);
  await page.getByTestId('login-password').fill(credentials.password ?? PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/chats$/);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  return { context, page };
}

/** Opens the conversation whose list row has exactly this title. */
export async function openChat(page: Page, title: string): Promise<void> {
  await page.goto('/chats');
  await page
    .getByTestId('chat-row')
    .filter({ has: page.locator('.chat-row__title', { hasText: title }) })
    .click();
  await expect(page.getByTestId('composer-input')).toBeVisible();
}
