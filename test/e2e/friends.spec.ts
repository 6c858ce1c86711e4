import { expect, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, registerUser, screenshotter, signIn, uniqueName, type TestUser } from './support';

const shot = screenshotter('friends');

async function signedIn(browser: Browser, user: TestUser, locale = 'en-US'): Promise<Page> {
  return (await signIn(browser, user, locale)).page;
}

test('request with a note, live badge, accept, invite link and QR, block and unblock', async ({ browser, request }) => {
  const anna = await registerUser(request, 'Anna Friend');
  const bo = await registerUser(request, '王博');
  const pageA = await signedIn(browser, anna);
  const pageB = await signedIn(browser, bo, 'zh-CN');

  // Anna has nobody yet.
  await pageA.getByTestId('tab-contacts').click();
  await expect(pageA.getByTestId('empty-state')).toBeVisible();
  await shot(pageA, 'contacts-empty');

  // She finds Bo by username and sends a request with a note.
  await pageA.getByTestId('contacts-add').click();
  await expect(pageA).toHaveURL(/\/contacts\/add$/);
  await pageA.getByTestId('search-input').fill(bo.username);
  await pageA.getByTestId('search-submit').click();
  const result = pageA.locator(`[data-testid="search-result"][data-user-id="${bo.id}"]`);
  await expect(result).toContainText('王博');
  await result.getByTestId('add-friend').click();
  await expect(pageA.getByTestId('request-note')).toHaveValue("I'm Anna Friend");
  await pageA.getByTestId('request-note').fill('Hi Bo, it is Anna from the e2e run');
  await shot(pageA, 'request-dialog');
  await pageA.getByTestId('request-send').click();
  await expect(result).toContainText('Sent');
  await expect(result.getByTestId('add-friend')).toHaveCount(0);
  await shot(pageA, 'search-sent');

  // Bo sees the badge arrive without reloading, on the tab and on "New friends".
  await expect(pageB.getByTestId('tab-contacts-badge')).toHaveText('1');
  await pageB.getByTestId('tab-contacts').click();
  await expect(pageB.getByTestId('new-friends-badge')).toHaveText('1');
  await shot(pageB, 'badge-zh');
  await pageB.getByTestId('contacts-new-friends').click();
  const incoming = pageB.getByTestId('friend-request').filter({ hasText: 'Anna Friend' });
  await expect(incoming).toContainText('Hi Bo, it is Anna from the e2e run');
  await incoming.getByTestId('request-accept').click();
  await expect(incoming).toHaveAttribute('data-status', 'accepted');
  await expect(incoming.getByTestId('request-accept')).toHaveCount(0);
  await shot(pageB, 'new-friends-zh');

  // Both now list each other (Anna's list updates from the socket event).
  await pageB.getByRole('button', { name: '返回' }).click();
  await expect(pageB.locator(`[data-testid="contact-row"][data-user-id="${anna.id}"]`)).toBeVisible();
  await expect(pageB.getByTestId('new-friends-badge')).toHaveCount(0);
  await expect(pageB.getByTestId('tab-contacts-badge')).toHaveCount(0);
  await pageA.getByRole('button', { name: 'Back' }).click();
  await expect(pageA).toHaveURL(/\/contacts$/);
  const rowB = pageA.locator(`[data-testid="contact-row"][data-user-id="${bo.id}"]`);
  await expect(rowB).toBeVisible();
  await expect(rowB.getByTestId('presence-online')).toBeVisible();
  await expect(pageA.locator('#contacts-section-W')).toContainText('王博');
  await shot(pageA, 'contacts');

  // Anna's invite: a link and its QR code.
  await pageA.getByTestId('contacts-invite').click();
  await expect(pageA.getByTestId('invite-qr')).toBeVisible();
  const inviteUrl = await pageA.getByTestId('invite-link').inputValue();
  expect(inviteUrl).toMatch(/\/register\?invite=[\w-]+$/);
  await shot(pageA, 'invite');

  // Someone new registers through it and finds Anna's request waiting.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const pageC = await context.newPage();
  const invite = new URL(inviteUrl);
  await pageC.goto(`${invite.pathname}${invite.search}`);
  await expect(pageC.getByTestId('register-invited')).toBeVisible();
  const carl = { username: uniqueName('inv'), displayName: 'Carl Invited' };
  await pageC.getByTestId('register-displayname').fill(carl.displayName);
  await pageC.getByTestId('register-username').fill(carl.username);
  await pageC.getByTestId('register-password').fill(PASSWORD);
  await shot(pageC, 'register-invite');
  await pageC.getByTestId('register-submit').click();
  await expect(pageC).toHaveURL(/\/chats$/);
  await expect(pageC.getByTestId('tab-contacts-badge')).toHaveText('1');
  await pageC.getByTestId('tab-contacts').click();
  await pageC.getByTestId('contacts-new-friends').click();
  const fromAnna = pageC.getByTestId('friend-request').filter({ hasText: 'Anna Friend' });
  await expect(fromAnna).toHaveAttribute('data-status', 'pending');
  await shot(pageC, 'invite-request');
  await fromAnna.getByTestId('request-accept').click();
  await expect(fromAnna).toHaveAttribute('data-status', 'accepted');

  // Block Bo from his profile, then unblock him.
  await pageA.getByRole('button', { name: 'Back' }).click();
  await rowB.getByRole('link').click();
  await expect(pageA.getByTestId('profile-name')).toHaveText('王博');
  await expect(pageA.getByTestId('profile-message')).toBeEnabled();
  await pageA.getByTestId('profile-block').click();
  await pageA.getByTestId('confirm-ok').click();
  await expect(pageA.getByTestId('profile-blocked')).toBeVisible();
  await expect(pageA.getByTestId('profile-block')).toHaveText('Unblock');
  await shot(pageA, 'profile-blocked');
  await pageA.getByTestId('profile-block').click();
  await pageA.getByTestId('confirm-ok').click();
  await expect(pageA.getByTestId('profile-blocked')).toHaveCount(0);
  await expect(pageA.getByTestId('profile-block')).toHaveText('Block');

  // Carl now appears in Anna's contacts, under C.
  await pageA.getByRole('button', { name: 'Back' }).click();
  await expect(pageA.locator('#contacts-section-C')).toContainText('Carl Invited');
});

test('removing a friend takes them off both lists', async ({ browser, request }) => {
  const dina = await registerUser(request, 'Dina');
  const eli = await registerUser(request, 'Eli');
  const pageD = await signedIn(browser, dina);
  const pageE = await signedIn(browser, eli);

  await pageD.goto('/contacts/add');
  await pageD.getByTestId('search-input').fill(eli.username);
  await pageD.getByTestId('search-submit').click();
  await pageD.getByTestId('add-friend').click();
  await pageD.getByTestId('request-send').click();
  await pageE.getByTestId('tab-contacts').click();
  await pageE.getByTestId('contacts-new-friends').click();
  await pageE.getByTestId('request-accept').click();
  await pageE.getByRole('button', { name: 'Back' }).click();
  const rowD = pageE.locator(`[data-testid="contact-row"][data-user-id="${dina.id}"]`);
  await expect(rowD).toBeVisible();

  await pageD.goto(`/contacts/${eli.id}`);
  await pageD.getByTestId('profile-remove').click();
  await pageD.getByTestId('confirm-ok').click();
  await expect(pageD).toHaveURL(/\/contacts$/);
  await expect(pageD.getByTestId('empty-state')).toBeVisible();
  await expect(rowD).toHaveCount(0);
  await expect(pageE.getByTestId('empty-state')).toBeVisible();
});
