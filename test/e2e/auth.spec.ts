import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

/** A username no other run has used: [a-z0-9_], ≤ 32 characters. */
function uniqueUser() {
  const username = `e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return { username, password: 'correct-horse-42', displayName: 'E2E Tester' };
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test.use({ viewport: { width: 390, height: 844 }, locale: 'en-US' });

test('register, log out, log in again, stay logged in across a reload, switch language', async ({ page }) => {
  const user = uniqueUser();

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await shot(page, 'login');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/register$/);
  await page.getByTestId('register-displayname').fill(user.displayName);
  await page.getByTestId('register-username').fill(user.username);
  await page.getByTestId('register-password').fill(user.password);
  await shot(page, 'register');
  await page.getByTestId('register-submit').click();

  // Signed in: Chats tab with its empty state, realtime socket up.
  await expect(page).toHaveURL(/\/chats$/);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  await shot(page, 'chats-empty');

  await page.getByTestId('tab-me').click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId('me-displayname')).toHaveText(user.displayName);
  await expect(page.getByTestId('me-username')).toHaveText(`@${user.username}`);
  await shot(page, 'me');

  // Log out (with confirmation) and log in again through the form.
  await page.getByTestId('logout').click();
  await page.getByTestId('logout-confirm').click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, user.username, user.password);
  await expect(page).toHaveURL(/\/chats$/);

  // The session survives a reload (refresh token in the HttpOnly cookie), and signed-in users skip /login.
  await page.reload();
  await expect(page).toHaveURL(/\/chats$/);
  await expect(page.getByTestId('tab-chats')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  await page.goto('/login');
  await expect(page).toHaveURL(/\/chats$/);

  // Language: 中文, then back to English.
  await page.getByTestId('tab-me').click();
  await expect(page.getByTestId('me-displayname')).toHaveText(user.displayName);
  await page.getByTestId('language-zh').click();
  await expect(page.getByTestId('tab-me')).toHaveText('我');
  await expect(page.getByTestId('tab-chats')).toHaveText('聊天');
  await expect(page.getByTestId('logout')).toHaveText('退出登录');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await shot(page, 'me-zh');
  await page.reload();
  await expect(page.getByTestId('tab-contacts')).toHaveText('通讯录');
  await page.getByTestId('language-en').click();
  await expect(page.getByTestId('tab-me')).toHaveText('Me');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  await shot(page, 'me-desktop');
});

test('the refresh token lives only in an HttpOnly cookie that a reload and a second tab share, and logout removes it', async ({
  page,
  context,
  request,
}) => {
  const user = uniqueUser();
  expect((await request.post('/api/auth/register', { data: user })).status()).toBe(201);
  const sessionCookies = async () => (await context.cookies()).filter((c) => c.name === 'refresh_token');

  await page.goto('/login');
  await logIn(page, user.username, user.password);
  await expect(page).toHaveURL(/\/chats$/);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  const [first, ...rest] = await sessionCookies();
  expect([first?.path, ...rest.map((c) => c.path)].sort()).toEqual(['/api/auth/logout', '/api/auth/refresh']);
  for (const cookie of [first, ...rest]) {
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, value: first?.value });
  }

  // Nothing a script in the page can read holds the token.
  const visible = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
  }));
  for (const [where, text] of Object.entries(visible)) {
    expect(text, where).not.toContain(first!.value);
    expect(text, where).not.toMatch(/refresh/i);
  }

  // A reload gets its session from the cookie (which rotates).
  await page.reload();
  await expect(page).toHaveURL(/\/chats$/);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  await shot(page, 'cookie-session-after-reload');
  const [rotated] = await sessionCookies();
  expect(rotated?.value).not.toBe(first!.value);

  // A second tab shares the session; both tabs reloading at once must not present one cookie twice (that would
  // revoke the session): the Web Lock lets one refresh at a time, each with the cookie the last one set.
  const second = await context.newPage();
  await second.goto('/me');
  await expect(second.getByTestId('me-username')).toHaveText(`@${user.username}`);
  await Promise.all([page.reload(), second.reload()]);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  await expect(second.getByTestId('me-username')).toHaveText(`@${user.username}`);
  await page.goto('/me');
  await expect(page.getByTestId('me-username')).toHaveText(`@${user.username}`);

  // Logging out in the second tab clears the cookie and signs the first tab out too.
  await second.getByTestId('logout').click();
  await second.getByTestId('logout-confirm').click();
  await expect(second).toHaveURL(/\/login$/);
  await expect(page).toHaveURL(/\/login$/);
  expect(await sessionCookies()).toEqual([]);
  await page.reload();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('form-error')).toHaveCount(0);
});

test('a wrong password shows an error and keeps the user on the login page', async ({ page, request }) => {
  const user = uniqueUser();
  const created = await request.post('/api/auth/register', { data: user });
  expect(created.status()).toBe(201);

  await page.goto('/login');
  await logIn(page, user.username, 'not-the-password');
  await expect(page.getByTestId('form-error')).toHaveText('Wrong username or password');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-submit')).toBeEnabled();
  await shot(page, 'login-wrong-password');
});

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('the login page is in Chinese by default, and signed-out users are sent to it', async ({ page }) => {
    await page.goto('/me');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
    await expect(page.getByTestId('login-submit')).toHaveText('登录');
    await expect(page.getByLabel('用户名')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await shot(page, 'login-zh');
  });
});
