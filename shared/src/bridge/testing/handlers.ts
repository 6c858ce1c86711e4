import { type BridgeHandlers } from '../methods';

/** A complete handler map with fixed answers, for host tests. */
export function fakeHandlers(overrides: Partial<BridgeHandlers> = {}): BridgeHandlers {
  return {
    'auth.login': async () => ({ code: 'code-1' }),
    'user.getProfile': async () => ({ nickname: 'Alice', avatarUrl: null }),
    'payment.request': async () => ({ status: 'paid' }),
    'payment.signDebitAgreement': async () => ({ status: 'signed', agreementId: 'agr-1' }),
    'share.toChat': async () => ({ status: 'shared' }),
    'subscribe.request': async ({ templateIds }) => ({
      results: Object.fromEntries(templateIds.map((id) => [id, 'accept' as const])),
    }),
    'navigate.toMiniProgram': async () => ({ status: 'opened' }),
    'ui.setTitle': async () => ({}),
    'ui.setMainButton': async () => ({}),
    'ui.close': async () => ({}),
    'ui.toast': async () => ({}),
    'system.getInfo': async () => ({
      platform: 'web',
      locale: 'en',
      theme: 'light',
      sdkVersion: '0.1.0',
      screen: { width: 390, height: 844 },
    }),
    'location.get': async () => ({ latitude: 31.23, longitude: 121.47, accuracy: 15 }),
    'storage.get': async () => ({ value: null }),
    'storage.set': async () => ({}),
    'storage.remove': async () => ({}),
    'storage.keys': async () => ({ keys: [], next: null }),
    'device.getPublicKey': async () => ({ publicKey: 'A'.repeat(122), keyId: 'B'.repeat(43), algorithm: 'ES256' }),
    'device.sign': async () => ({ signature: 'C'.repeat(86), keyId: 'B'.repeat(43) }),
    'scan.code': async () => ({ status: 'scanned', text: 'https://example.com/bike/42' }),
    'page.report': async () => ({}),
    ...overrides,
  };
}
