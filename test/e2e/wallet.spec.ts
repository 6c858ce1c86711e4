import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openChat, screenshotter, signIn } from './support';

const DEMO_PASSWORD = 'demo-pass-123';
const PIN = '246810';
const GROUP = 'Weekend 周末小组';

interface Session {
  context: BrowserContext;
  page: Page;
}

const shot = screenshotter('wallet');

/** A demo user (seeded on the fresh database) in their own browser, logged in through the form. */
async function demoUser(browser: Browser, username: string, locale = 'en-US'): Promise<Session> {
  return signIn(browser, { username, password: DEMO_PASSWORD }, locale);
}

/** "12.34" on screen → 1234 fen (string math, like the client). */
function fenOf(text: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`Not an amount: ${text}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}

/** 1234 fen → "12.34", as the wallet shows it. */
function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

async function balanceFen(page: Page): Promise<number> {
  await page.goto('/me/wallet');
  const balance = page.getByTestId('wallet-balance');
  await expect(balance).toHaveText(/^\d+\.\d{2}$/);
  return fenOf(await balance.innerText());
}

async function expectBalance(page: Page, fen: number): Promise<void> {
  await page.goto('/me/wallet');
  await expect(page.getByTestId('wallet-balance')).toHaveText(yuan(fen));
}

async function enterPin(page: Page, pin = PIN): Promise<void> {
  await page.getByTestId('pin-input').fill(pin);
}

/** A transfer alice → bob of `amount` through the composer's "+" panel; returns the new bubble's transfer id. */
async function sendTransfer(alice: Page, amount: string, note: string): Promise<string> {
  const before = await alice.getByTestId('bubble-transfer').count();
  await alice.getByTestId('composer-more').click();
  await alice.getByTestId('more-transfer').click();
  await alice.getByTestId('transfer-amount').fill(amount);
  await alice.getByTestId('transfer-note').fill(note);
  await alice.getByTestId('transfer-submit').click();
  await enterPin(alice);
  await expect(alice.getByTestId('bubble-transfer')).toHaveCount(before + 1);
  const bubble = alice.getByTestId('bubble-transfer').last();
  await expect(bubble).toHaveAttribute('data-status', 'pending');
  return (await bubble.getAttribute('data-transfer-id')) ?? '';
}

test('wallet: top up, PIN, a lucky red packet in a group, transfers accepted and declined', async ({ browser }) => {
  test.setTimeout(180_000); // three people, a dozen page loads: about 50 s alone, well over 100 s beside another heavy spec
  const alice = await demoUser(browser, 'alice');
  const bob = await demoUser(browser, 'bob', 'zh-CN');
  const carol = await demoUser(browser, 'carol');
  const start = {
    alice: await balanceFen(alice.page),
    bob: await balanceFen(bob.page),
    carol: await balanceFen(carol.page),
  };

  // Alice tops up ¥100 from the sandbox card and sets her payment PIN, all in Me → Wallet.
  await alice.page.goto('/me');
  await alice.page.getByTestId('me-wallet').click();
  await expect(alice.page).toHaveURL(/\/me\/wallet$/);
  await alice.page.getByTestId('wallet-topup').click();
  await alice.page.getByTestId('topup-amount').fill('100');
  await alice.page.getByTestId('topup-confirm').click();
  await expect(alice.page.getByTestId('topup-done')).toBeVisible();
  await alice.page.keyboard.press('Escape');
  await expect(alice.page.getByTestId('wallet-balance')).toHaveText(yuan(start.alice + 10_000));
  await expect(alice.page.getByTestId('statement-line').first()).toHaveAttribute('data-kind', 'topup');

  const setPin = alice.page.getByTestId('wallet-set-pin');
  const hadPin = (await setPin.getAttribute('data-has-pin')) === 'true';
  await setPin.click();
  if (hadPin) await enterPin(alice.page);
  await expect(alice.page.locator('[data-testid="set-pin-sheet"][data-step="new"]')).toBeVisible();
  await enterPin(alice.page);
  await expect(alice.page.locator('[data-testid="set-pin-sheet"][data-step="confirm"]')).toBeVisible();
  await enterPin(alice.page);
  await expect(alice.page.getByTestId('pin-saved')).toBeVisible();
  await expect(setPin).toHaveAttribute('data-has-pin', 'true');
  await shot(alice.page, 'balance');

  // A 3-share lucky red packet of ¥1.00 to the group; a wrong PIN first shows the tries left in place.
  await openChat(alice.page, GROUP);
  await alice.page.getByTestId('composer-more').click();
  await expect(alice.page.getByTestId('more-transfer')).toHaveCount(0);
  await alice.page.getByTestId('more-redpacket').click();
  await alice.page.getByTestId('redpacket-type-lucky').click();
  await alice.page.getByTestId('redpacket-total').fill('1.00');
  await alice.page.getByTestId('redpacket-shares').fill('3');
  await alice.page.getByTestId('redpacket-greeting').fill('Happy weekend 周末快乐');
  await alice.page.getByTestId('redpacket-submit').click();
  await enterPin(alice.page, '000000');
  await expect(alice.page.getByTestId('pin-error')).toContainText('4');
  await shot(alice.page, 'pin-wrong');
  await enterPin(alice.page);
  const sent = alice.page.getByTestId('bubble-redpacket').last();
  await expect(sent).toHaveAttribute('data-state', 'unopened');
  await shot(alice.page, 'redpacket-bubble');

  // Bob (in Chinese) and Carol open it: the 開 button, then their amount and the claim list.
  const amounts: Record<string, number> = {};
  for (const [name, session] of [
    ['bob', bob],
    ['carol', carol],
  ] as const) {
    await openChat(session.page, GROUP);
    const bubble = session.page.getByTestId('bubble-redpacket').last();
    await expect(bubble).toHaveAttribute('data-state', 'unopened');
    await bubble.click();
    await expect(session.page.getByTestId('redpacket-open')).toBeVisible();
    if (name === 'bob') await shot(session.page, 'redpacket-open');
    await session.page.getByTestId('redpacket-open').click();
    const amount = session.page.getByTestId('redpacket-amount');
    await expect(amount).toBeVisible();
    const got = Number(await amount.getAttribute('data-amount'));
    expect(got).toBeGreaterThanOrEqual(1);
    await expect(amount).toContainText(yuan(got));
    amounts[name] = got;
  }
  await expect(carol.page.getByTestId('redpacket-claim')).toHaveCount(2);

  // Alice takes the last share; the claim list then sums to exactly ¥1.00 and marks one best luck.
  await sent.click();
  await alice.page.getByTestId('redpacket-open').click();
  const aliceAmount = alice.page.getByTestId('redpacket-amount');
  await expect(aliceAmount).toBeVisible();
  amounts.alice = Number(await aliceAmount.getAttribute('data-amount'));
  const claims = alice.page.getByTestId('redpacket-claim');
  await expect(claims).toHaveCount(3);
  const rows = await claims.evaluateAll((els) =>
    els.map((el) => ({ amount: Number(el.getAttribute('data-amount')), best: el.getAttribute('data-best') })),
  );
  expect(rows.reduce((sum, row) => sum + row.amount, 0)).toBe(100);
  expect((amounts.alice ?? 0) + (amounts.bob ?? 0) + (amounts.carol ?? 0)).toBe(100);
  expect(rows.filter((row) => row.best === 'true')).toHaveLength(1);
  await shot(alice.page, 'redpacket-claims');

  // Everyone's wallet shows exactly what the packet moved.
  await expectBalance(alice.page, start.alice + 10_000 - 100 + (amounts.alice ?? 0));
  await expectBalance(bob.page, start.bob + (amounts.bob ?? 0));
  await expectBalance(carol.page, start.carol + (amounts.carol ?? 0));

  // Bob sees the packet as opened; a late tap by Carol goes straight to her result.
  await openChat(bob.page, GROUP);
  await expect(bob.page.getByTestId('bubble-redpacket').last()).toHaveAttribute('data-state', 'opened');

  // Transfer ¥5.20 → Bob accepts: both bubbles turn "accepted" live.
  await openChat(alice.page, 'Bob 鲍勃');
  const acceptedId = await sendTransfer(alice.page, '5.20', 'lunch 午饭');
  await openChat(bob.page, 'Alice 爱丽丝');
  const incoming = bob.page.locator(`[data-testid="bubble-transfer"][data-transfer-id="${acceptedId}"]`);
  await expect(incoming).toHaveAttribute('data-status', 'pending');
  await incoming.click();
  await shot(bob.page, 'transfer-sheet');
  await bob.page.getByTestId('transfer-accept').click();
  await expect(incoming).toHaveAttribute('data-status', 'accepted');
  const outgoing = alice.page.locator(`[data-testid="bubble-transfer"][data-transfer-id="${acceptedId}"]`);
  await expect(outgoing).toHaveAttribute('data-status', 'accepted');

  // Transfer ¥3.00 → Bob declines: it goes back to Alice.
  const declinedId = await sendTransfer(alice.page, '3', 'tickets');
  const second = bob.page.locator(`[data-testid="bubble-transfer"][data-transfer-id="${declinedId}"]`);
  await expect(second).toHaveAttribute('data-status', 'pending');
  await second.click();
  await bob.page.getByTestId('transfer-decline').click();
  await expect(second).toHaveAttribute('data-status', 'declined');
  await expect(alice.page.locator(`[data-testid="bubble-transfer"][data-transfer-id="${declinedId}"]`)).toHaveAttribute(
    'data-status',
    'declined',
  );
  await expect(incoming).toHaveAttribute('data-status', 'accepted');
  await shot(alice.page, 'transfers-alice');
  await shot(bob.page, 'transfers-bob');

  // Final balances: only the accepted transfer moved money between them.
  await expectBalance(alice.page, start.alice + 10_000 - 100 + (amounts.alice ?? 0) - 520);
  await expectBalance(bob.page, start.bob + (amounts.bob ?? 0) + 520);
  await expect(bob.page.getByTestId('statement-line').first()).toHaveAttribute('data-kind', 'transfer_release');
  await shot(bob.page, 'statement-bob');

  // The Chats list previews the money messages.
  await alice.page.goto('/chats');
  await expect(
    alice.page.getByTestId('chat-row').filter({ has: alice.page.locator('.chat-row__title', { hasText: GROUP }) }),
  ).toContainText('[Red packet] Happy weekend 周末快乐');
  await shot(alice.page, 'chats');

  for (const session of [alice, bob, carol]) await session.context.close();
});
