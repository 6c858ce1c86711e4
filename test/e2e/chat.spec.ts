import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openChat, registerUser, screenshotter, signIn, type TestUser } from './support';

interface Session {
  user: TestUser;
  context: BrowserContext;
  page: Page;
}

const shot = screenshotter('chat');

async function signedIn(browser: Browser, user: TestUser, locale = 'en-US'): Promise<Session> {
  return { user, ...(await signIn(browser, user, locale)) };
}

/** Friendship through the contacts UI: `from` searches and asks, `to` accepts under New friends. */
async function befriend(from: Session, to: Session): Promise<void> {
  await from.page.goto('/contacts/add');
  await from.page.getByTestId('search-input').fill(to.user.username);
  await from.page.getByTestId('search-submit').click();
  const result = from.page.locator(`[data-testid="search-result"][data-user-id="${to.user.id}"]`);
  await result.getByTestId('add-friend').click();
  await from.page.getByTestId('request-send').click();
  await expect(result.getByTestId('add-friend')).toHaveCount(0);
  await to.page.goto('/contacts/new');
  const incoming = to.page.getByTestId('friend-request').filter({ hasText: from.user.displayName });
  await incoming.getByTestId('request-accept').click();
  await expect(incoming).toHaveAttribute('data-status', 'accepted');
}

/** Friendship over the API (for the offline test, where the contacts UI is not the point). */
async function befriendByApi(request: APIRequestContext, from: TestUser, to: TestUser): Promise<void> {
  const sent = await request.post('/api/friends/requests', {
    data: { toUserId: to.id },
    headers: { Authorization: `Bearer ${from.accessToken}` },
  });
  expect(sent.status()).toBe(201);
  const { request: friendRequest } = (await sent.json()) as { request: { id: string } };
  const accepted = await request.post(`/api/friends/requests/${friendRequest.id}/accept`, {
    headers: { Authorization: `Bearer ${to.accessToken}` },
  });
  expect(accepted.ok()).toBe(true);
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-send').click();
}

function texts(page: Page) {
  return page.getByTestId('message-text');
}

test('two friends chat live: pending then sent, read receipt, recall; then a group of three, and one leaves', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const anna = await signedIn(browser, await registerUser(request, 'Anna Chat'));
  const ben = await signedIn(browser, await registerUser(request, '本 Ben'), 'zh-CN');
  await befriend(anna, ben);

  // The new direct chat is on both lists with its "friends now" line; Ben has an unread badge.
  await anna.page.goto('/chats');
  await expect(anna.page.getByTestId('chat-row').filter({ hasText: '本 Ben' })).toBeVisible();
  await openChat(anna.page, '本 Ben');
  await openChat(ben.page, 'Anna Chat');

  // Sent while the browser is offline: pending (spinner) until the reconnect delivers it, then sent.
  await anna.context.setOffline(true);
  await send(anna.page, 'Hello Ben 👋');
  const first = anna.page.locator('[data-testid="message"][data-mine="true"]').last();
  await expect(first).toHaveAttribute('data-status', 'pending');
  await shot(anna.page, 'pending');
  await anna.context.setOffline(false);
  await expect(first).toHaveAttribute('data-status', 'sent');
  await expect(texts(ben.page).last()).toHaveText('Hello Ben 👋');

  // Ben answers live; Ben has the chat open, so Anna's message shows "Read".
  await send(ben.page, '你好 Anna，周末见！');
  await expect(texts(anna.page).last()).toHaveText('你好 Anna，周末见！');
  await send(anna.page, 'See you Saturday');
  await expect(texts(ben.page).last()).toHaveText('See you Saturday');
  await expect(anna.page.getByTestId('read-receipt')).toHaveText('Read');
  await expect(anna.page.getByTestId('typing-indicator')).toHaveCount(0);
  await shot(anna.page, 'direct');
  await shot(ben.page, 'direct-zh');

  // Anna recalls her last message (right-click → Recall): both sides show the recall line instead.
  await anna.page
    .locator('[data-testid="message"][data-mine="true"]')
    .last()
    .locator('.bubble')
    .click({ button: 'right' });
  await anna.page.getByTestId('message-recall').click();
  await expect(anna.page.getByText('You recalled a message')).toBeVisible();
  await expect(ben.page.getByText('Anna Chat撤回了一条消息')).toBeVisible();
  await expect(texts(ben.page).filter({ hasText: 'See you Saturday' })).toHaveCount(0);
  await shot(ben.page, 'recalled-zh');

  // A third person; Anna makes a group with both friends in the UI.
  const cara = await signedIn(browser, await registerUser(request, 'Cara Group'));
  await befriend(anna, cara);
  await anna.page.goto('/chats');
  await anna.page.getByTestId('chats-plus').click();
  await anna.page.getByTestId('new-group').click();
  await anna.page.getByTestId('group-title').fill('Picnic 野餐');
  await anna.page.locator(`[data-testid="group-member-option"][data-user-id="${ben.user.id}"]`).check();
  await anna.page.locator(`[data-testid="group-member-option"][data-user-id="${cara.user.id}"]`).check();
  await anna.page.getByTestId('group-create').click();
  await expect(anna.page.getByTestId('conversation-title')).toHaveText('Picnic 野餐 (3)');

  // All three write; Anna @mentions Cara, whose list shows the [@you] tag.
  await anna.page.getByTestId('composer-input').pressSequentially('Bring food @');
  await anna.page.locator(`[data-testid="mention-option"][data-user-id="${cara.user.id}"]`).click();
  await anna.page.getByTestId('composer-send').click();
  await cara.page.goto('/chats');
  const caraRow = cara.page.getByTestId('chat-row').filter({ hasText: 'Picnic' });
  await expect(caraRow.getByTestId('mention-tag')).toBeVisible();
  // The message is unread; the "created the group" line is not (system lines never are).
  await expect(caraRow.getByTestId('unread-badge')).toHaveText('1');
  await shot(cara.page, 'list-mention');
  await caraRow.click();
  await send(cara.page, 'I bring drinks');
  await openChat(ben.page, 'Picnic');
  await send(ben.page, '我带水果');
  for (const page of [anna.page, ben.page, cara.page]) {
    await expect(texts(page)).toHaveText(['Bring food @Cara Group', 'I bring drinks', '我带水果']);
  }
  await shot(anna.page, 'group');

  // Cara leaves from the group info page: her chat turns read-only, the others see the line.
  await cara.page.getByTestId('conversation-info').click();
  await expect(cara.page.getByTestId('group-member')).toHaveCount(3);
  await shot(cara.page, 'group-info');
  await cara.page.getByTestId('group-leave').click();
  await cara.page.getByTestId('confirm-ok').click();
  await expect(cara.page.getByTestId('read-only')).toBeVisible();
  await expect(cara.page.getByTestId('composer-input')).toHaveCount(0);
  await expect(anna.page.getByText('Cara Group left the group')).toBeVisible();
  await expect(anna.page.getByTestId('conversation-title')).toHaveText('Picnic 野餐 (2)');
  await shot(cara.page, 'left');
});

test('offline: missed messages arrive in order after reconnecting, and what was typed offline is sent once', async ({
  browser,
  request,
}) => {
  const annaUser = await registerUser(request, 'Anna Offline');
  const benUser = await registerUser(request, 'Ben Offline');
  await befriendByApi(request, annaUser, benUser);
  const anna = await signedIn(browser, annaUser);
  const ben = await signedIn(browser, benUser);
  await openChat(anna.page, 'Ben Offline');
  await openChat(ben.page, 'Anna Offline');

  await ben.context.setOffline(true);
  await expect(ben.page.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline');
  const missed = ['one', 'two', 'three', 'four', 'five'];
  for (const text of missed) {
    await send(anna.page, text);
    await expect(anna.page.locator('[data-testid="message"][data-mine="true"]').last()).toHaveAttribute(
      'data-status',
      'sent',
    );
  }
  await send(ben.page, 'typed while offline');
  await expect(ben.page.locator('[data-testid="message"][data-mine="true"]').last()).toHaveAttribute(
    'data-status',
    'pending',
  );
  await shot(ben.page, 'offline');

  await ben.context.setOffline(false);
  await expect(ben.page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  const expected = [...missed, 'typed while offline'];
  await expect(texts(ben.page)).toHaveText(expected);
  await expect(texts(anna.page)).toHaveText(expected);
  await expect(ben.page.locator('[data-testid="message"][data-status="pending"]')).toHaveCount(0);
  // Seqs strictly increase on screen: in order, nothing twice.
  const seqs = await ben.page
    .locator('[data-testid="message"]')
    .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.seq)));
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
  // A reload (fresh state from the server) shows the same.
  await ben.page.reload();
  await expect(texts(ben.page)).toHaveText(expected);
  await shot(ben.page, 'back-online');
});
