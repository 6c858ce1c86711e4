import type { Consent, Scope } from '@app/shared';
import { describe, expect, it, vi } from 'vitest';
import { createConsentChecker } from './consent';

const APP = 'mpabcdefghij';
const consent = (scope: Scope, granted: boolean, appId = APP): Consent => ({
  appId,
  appName: 'A',
  scope,
  granted,
  updatedAt: new Date(0).toISOString(),
});

function setup(stored: Consent[], answers: Array<boolean | null> = []) {
  const ask = vi.fn(async (_scope: Scope) => answers.shift() ?? null);
  const save = vi.fn(async () => undefined);
  const load = vi.fn(async () => stored);
  const check = createConsentChecker({ appId: APP, declared: ['profile', 'location'], load, ask, save });
  return { check, ask, save, load };
}

describe('createConsentChecker', () => {
  it('denies an undeclared scope without asking or loading', async () => {
    const { check, ask, load } = setup([]);
    expect(await check('payment.debit')).toBe(false);
    expect(ask).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
  });

  it('answers stored grants and denials of this app at once', async () => {
    const { check, ask } = setup([
      consent('profile', true),
      consent('location', false),
      consent('location', true, 'mpzzzzzzzzzz'),
    ]);
    expect(await check('profile')).toBe(true);
    expect(await check('location')).toBe(false);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks once, stores the answer, and reuses it', async () => {
    const { check, ask, save } = setup([], [true]);
    expect(await check('profile')).toBe(true);
    expect(await check('profile')).toBe(true);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('profile', true);
  });

  it('queues concurrent requests: one dialog at a time, the second request for a scope reuses the first answer', async () => {
    let open = 0;
    let most = 0;
    const ask = vi.fn(async () => {
      most = Math.max(most, ++open);
      await new Promise((r) => setTimeout(r, 5));
      open--;
      return false;
    });
    const check = createConsentChecker({
      appId: APP,
      declared: ['profile', 'location'],
      load: async () => [],
      ask,
      save: async () => undefined,
    });
    const results = await Promise.all([check('profile'), check('profile'), check('location')]);
    expect(results).toEqual([false, false, false]);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('a dismissed dialog denies this call without storing, so the next call asks again', async () => {
    const { check, ask, save } = setup([], [null, true]);
    expect(await check('location')).toBe(false);
    expect(save).not.toHaveBeenCalled();
    expect(await check('location')).toBe(true);
    expect(ask).toHaveBeenCalledTimes(2);
  });
});
