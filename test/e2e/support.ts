import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
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

/** Logs in over the API (the seeded admin, a demo user) and returns the access token. */
export async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export interface PublishedApp {
  appId: string;
  appSecret: string;
  developer: TestUser;
}

/**
 * Registers a mini-program, uploads `files` as its code package, submits it, has the seeded admin approve it and
 * releases it to everyone — all through the API (devportal.spec covers the portal UI).
 */
export async function publishMiniApp(
  request: APIRequestContext,
  app: { name: string; category?: string; description?: string; files: Record<string, string> },
): Promise<PublishedApp> {
  const developer = await registerUser(request, 'Developer', 'mpdev');
  const auth = { authorization: `Bearer ${developer.accessToken}` };
  const created = await request.post('/api/dev/apps', {
    headers: auth,
    data: { name: app.name, category: app.category ?? 'tools', description: app.description ?? '' },
  });
  expect(created.status()).toBe(201);
  const { app: dev, appSecret } = (await created.json()) as { app: { appId: string }; appSecret: string };
  const zip = zipSync(Object.fromEntries(Object.entries(app.files).map(([p, text]) => [p, strToU8(text)])));
  const uploaded = await request.post(`/api/dev/apps/${dev.appId}/versions`, {
    headers: { ...auth, 'content-type': 'application/zip' },
    data: Buffer.from(zip),
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const { version } = (await uploaded.json()) as { version: { version: string } };
  const base = `/api/dev/apps/${dev.appId}/versions/${version.version}`;
  expect((await request.post(`${base}/submit`, { headers: auth, data: {} })).ok()).toBe(true);
  const admin = await apiLogin(request, 'admin', 'admin-pass-123');
  const approved = await request.post(`/api/admin/apps/${dev.appId}/versions/${version.version}/approve`, {
    headers: { authorization: `Bearer ${admin}` },
    data: {},
  });
  expect(approved.ok(), await approved.text()).toBe(true);
  expect((await request.post(`${base}/release`, { headers: auth, data: { percent: 100 } })).ok()).toBe(true);
  return { appId: dev.appId, appSecret, developer };
}

/** Friends over the API: the request and its acceptance (this creates their direct chat). */
export async function befriend(request: APIRequestContext, from: TestUser, to: TestUser): Promise<void> {
  const sent = await request.post('/api/friends/requests', {
    data: { toUserId: to.id },
    headers: { authorization: `Bearer ${from.accessToken}` },
  });
  expect(sent.status()).toBe(201);
  const { request: friendRequest } = (await sent.json()) as { request: { id: string } };
  const accepted = await request.post(`/api/friends/requests/${friendRequest.id}/accept`, {
    headers: { authorization: `Bearer ${to.accessToken}` },
  });
  expect(accepted.ok()).toBe(true);
}

/** A fixture mini-program's files (text), read from its folder, for publishMiniApp. */
export async function fixtureFiles(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir);
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')])));
}

/** A new person with a payment PIN and money in the wallet (set up over the API; wallet.spec covers the UI). */
export async function fundedUser(
  request: APIRequestContext,
  displayName: string,
  { pin, amountFen }: { pin: string; amountFen: number },
): Promise<TestUser> {
  const user = await registerUser(request, displayName);
  const auth = { authorization: `Bearer ${user.accessToken}` };
  expect((await request.put('/api/wallet/pin', { headers: auth, data: { pin } })).status()).toBe(204);
  const topup = await request.post('/api/wallet/topups', {
    headers: { ...auth, 'idempotency-key': randomUUID() },
    data: { amountFen },
  });
  expect(topup.status()).toBe(201);
  return user;
}

export async function balanceOf(request: APIRequestContext, user: TestUser): Promise<number> {
  const res = await request.get('/api/wallet', { headers: { authorization: `Bearer ${user.accessToken}` } });
  return ((await res.json()) as { balanceFen: number }).balanceFen;
}
