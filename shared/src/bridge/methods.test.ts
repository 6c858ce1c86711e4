import { describe, expect, expectTypeOf, it } from 'vitest';
import { BRIDGE_EVENT_NAMES, BRIDGE_EVENTS } from './events';
import {
  BRIDGE_METHOD_NAMES,
  BRIDGE_METHODS,
  isBridgeMethod,
  SCAN_TEXT_MAX,
  type BridgeHandlers,
  type BridgeMethod,
  type ParamsOf,
  type ResultOf,
} from './methods';
import { fakeHandlers } from './testing/handlers';

describe('bridge method table', () => {
  it('names every method domain.verb and every event domain.event', () => {
    for (const name of [...BRIDGE_METHOD_NAMES, ...BRIDGE_EVENT_NAMES])
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
    expect(BRIDGE_METHOD_NAMES).toHaveLength(21);
    expect(BRIDGE_METHOD_NAMES.filter((m) => BRIDGE_METHODS[m].since === '1.0')).toHaveLength(13);
    expect(Object.keys(BRIDGE_EVENTS)).toContain('mainButton.clicked');
  });

  it('treats every scoped method as a dialog method (first use asks for consent)', () => {
    for (const name of BRIDGE_METHOD_NAMES) {
      if (BRIDGE_METHODS[name].scope !== null) expect(BRIDGE_METHODS[name].dialog, name).toBe(true);
    }
    expect(BRIDGE_METHODS['user.getProfile'].scope).toBe('profile');
    expect(BRIDGE_METHODS['payment.signDebitAgreement'].scope).toBe('payment.debit');
    expect(BRIDGE_METHODS['location.get'].scope).toBe('location');
    expect(BRIDGE_METHODS['scan.code']).toMatchObject({ scope: 'camera', dialog: true, since: '1.1' });
    expect(BRIDGE_METHODS['payment.request'].dialog).toBe(true);
    expect(BRIDGE_METHODS['ui.toast'].dialog).toBe(false);
  });

  it('knows only its own methods', () => {
    expect(isBridgeMethod('payment.request')).toBe(true);
    expect(isBridgeMethod('toString')).toBe(false);
    expect(isBridgeMethod('__proto__')).toBe(false);
  });

  it('rejects unknown keys, bad paths and bad template lists', () => {
    const { params: share } = BRIDGE_METHODS['share.toChat'];
    expect(share.safeParse({ title: 'Menu', path: '/pages/menu?table=7' }).success).toBe(true);
    for (const path of ['https://evil.example/', '//evil.example/x', 'pages/menu', '/a b'])
      expect(share.safeParse({ title: 'x', path }).success, path).toBe(false);
    expect(share.safeParse({ title: 'x', path: '/', imageUrl: 'javascript:alert(1)' }).success).toBe(false);
    const { params: subscribe } = BRIDGE_METHODS['subscribe.request'];
    expect(subscribe.safeParse({ templateIds: ['a', 'b', 'c'] }).success).toBe(true);
    expect(subscribe.safeParse({ templateIds: [] }).success).toBe(false);
    expect(subscribe.safeParse({ templateIds: ['a', 'b', 'c', 'd'] }).success).toBe(false);
    expect(subscribe.safeParse({ templateIds: ['a', 'a'] }).success).toBe(false);
    expect(BRIDGE_METHODS['ui.close'].params.safeParse({ force: true }).success).toBe(false);
    const { params: debit } = BRIDGE_METHODS['payment.signDebitAgreement'];
    expect(debit.safeParse({ monthlyLimitFen: 1.5, description: 'rides' }).success).toBe(false);
    const { params: report } = BRIDGE_METHODS['page.report'];
    expect(report.safeParse({ path: '/doctors/7?day=2026-11-02' }).success).toBe(true);
    for (const path of ['https://evil.example/', '//evil.example', 'menu', '/a b', '/a#b', '/' + 'x'.repeat(512)])
      expect(report.safeParse({ path }).success, path).toBe(false);
    expect(BRIDGE_METHODS['page.report']).toMatchObject({ scope: null, dialog: false, since: '1.1' });
  });

  it('scan.code takes an optional short hint and hands over one bounded text, or cancelled', () => {
    const { params, result } = BRIDGE_METHODS['scan.code'];
    expect(params.safeParse({}).success).toBe(true);
    expect(params.safeParse({ hint: 'Scan the code on the bike' }).success).toBe(true);
    for (const bad of [{ hint: '' }, { hint: 'x'.repeat(65) }, { formats: ['QRCode'] }])
      expect(params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(result.safeParse({ status: 'scanned', text: 'x'.repeat(SCAN_TEXT_MAX) }).success).toBe(true);
    expect(result.safeParse({ status: 'scanned', text: 'x'.repeat(SCAN_TEXT_MAX + 1) }).success).toBe(false);
    expect(result.safeParse({ status: 'scanned', text: '' }).success).toBe(false);
    expect(result.parse({ status: 'cancelled', text: 'leftover' })).toEqual({ status: 'cancelled' });
  });

  it('keeps ids out of the profile result', () => {
    const parsed = BRIDGE_METHODS['user.getProfile'].result.parse({ nickname: 'A', avatarUrl: null, userId: 'u1' });
    expect(parsed).toEqual({ nickname: 'A', avatarUrl: null });
  });
});

describe('bridge method types', () => {
  it('infers params and results from the table', () => {
    expectTypeOf<ParamsOf<'payment.request'>>().toEqualTypeOf<{ orderId: string }>();
    expectTypeOf<ResultOf<'payment.request'>>().toEqualTypeOf<{ status: 'paid' | 'cancelled' }>();
    expectTypeOf<ResultOf<'payment.signDebitAgreement'>>().toEqualTypeOf<
      { status: 'signed'; agreementId: string } | { status: 'cancelled' }
    >();
    expectTypeOf<ResultOf<'scan.code'>>().toEqualTypeOf<
      { status: 'scanned'; text: string } | { status: 'cancelled' }
    >();
    expectTypeOf<ResultOf<'subscribe.request'>['results']>().toEqualTypeOf<Record<string, 'accept' | 'reject'>>();
    expectTypeOf<'auth.login'>().toExtend<BridgeMethod>();
    expectTypeOf<'wallet.drain'>().not.toExtend<BridgeMethod>();
  });

  it('refuses a handler map that misses a method or returns the wrong result', () => {
    const complete: BridgeHandlers = fakeHandlers();
    const { 'location.get': _dropped, ...partial } = complete;
    // @ts-expect-error -- 'location.get' has no handler
    const missing: BridgeHandlers = partial;
    const wrong: BridgeHandlers = {
      ...complete,
      // @ts-expect-error -- 'ok' is not a payment status
      'payment.request': async () => ({ status: 'ok' }),
    };
    expect([complete, missing, wrong]).toHaveLength(3);
  });
});
