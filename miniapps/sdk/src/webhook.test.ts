import type { WebhookEvent } from '@app/shared/openapi';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookVerificationError, type VerifyWebhookOptions } from './webhook';

const SECRET = 'app-secret-0123456789-abcdefghijklmnop';
const NOW = new Date('2026-11-23T10:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);

const event: WebhookEvent = {
  id: 'evt_0123456789abcdefghijKLMN',
  type: 'payment.succeeded',
  appId: 'mpabc123def4',
  createdAt: NOW.toISOString(),
  data: {
    order: {
      orderId: 'ord_0123456789abcdefghij',
      outTradeNo: 'hello_1',
      openId: 'oAbc',
      amount: 1,
      refundedAmount: 0,
      description: 'A tip',
      status: 'paid',
      agreementId: null,
      createdAt: NOW.toISOString(),
      expiresAt: NOW.toISOString(),
      paidAt: NOW.toISOString(),
    },
  },
};
const rawBody = JSON.stringify(event);

function verify(overrides: Partial<VerifyWebhookOptions> = {}) {
  return verifyWebhook({
    rawBody,
    signatureHeader: signWebhook({ rawBody, secret: SECRET, timestamp: T }),
    secret: SECRET,
    now: NOW,
    ...overrides,
  });
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookVerificationError);
    return (err as WebhookVerificationError).reason;
  }
  throw new Error('expected a WebhookVerificationError');
}

describe('verifyWebhook', () => {
  it('returns the parsed event for a valid signature (string or bytes body, header as array)', () => {
    expect(verify()).toEqual(event);
    expect(verify({ rawBody: new TextEncoder().encode(rawBody) })).toEqual(event);
    expect(verify({ signatureHeader: [signWebhook({ rawBody, secret: SECRET, timestamp: T })] }).id).toBe(event.id);
    expect(verify({ eventIdHeader: event.id }).id).toBe(event.id);
  });

  it('refuses a tampered body', () => {
    const header = signWebhook({ rawBody, secret: SECRET, timestamp: T });
    const tampered = rawBody.replace('"amount":1', '"amount":100');
    expect(reasonOf(() => verify({ rawBody: tampered, signatureHeader: header }))).toBe('bad_signature');
    // Even whitespace counts: verify the bytes as received, never re-serialised JSON.
    expect(reasonOf(() => verify({ rawBody: `${rawBody} `, signatureHeader: header }))).toBe('bad_signature');
  });

  it('refuses a signature made with another secret, and a shifted timestamp', () => {
    expect(reasonOf(() => verify({ secret: `${SECRET}x` }))).toBe('bad_signature');
    const header = signWebhook({ rawBody, secret: SECRET, timestamp: T }).replace(`t=${T}`, `t=${T - 1}`);
    expect(reasonOf(() => verify({ signatureHeader: header }))).toBe('bad_signature');
  });

  it('accepts 300 s old, refuses 301 s old and 301 s in the future', () => {
    const at = (timestamp: number) => signWebhook({ rawBody, secret: SECRET, timestamp });
    expect(verify({ signatureHeader: at(T - 300) }).id).toBe(event.id);
    expect(reasonOf(() => verify({ signatureHeader: at(T - 301) }))).toBe('stale_timestamp');
    expect(reasonOf(() => verify({ signatureHeader: at(T + 301) }))).toBe('stale_timestamp');
    expect(verify({ signatureHeader: at(T - 500), toleranceSeconds: 600 }).id).toBe(event.id);
  });

  it('checks the age before the signature is even looked at, so a stale replay is refused as stale', () => {
    const old = signWebhook({ rawBody, secret: SECRET, timestamp: T - 3600 });
    expect(reasonOf(() => verify({ signatureHeader: old, secret: 'whatever-secret' }))).toBe('stale_timestamp');
  });

  it('refuses missing and malformed headers', () => {
    const v1 = signWebhook({ rawBody, secret: SECRET, timestamp: T }).split(',')[1]!;
    expect(reasonOf(() => verify({ signatureHeader: undefined }))).toBe('missing_signature');
    expect(reasonOf(() => verify({ signatureHeader: '' }))).toBe('missing_signature');
    expect(reasonOf(() => verify({ signatureHeader: ['a', 'b'] }))).toBe('missing_signature');
    for (const header of [
      'garbage',
      v1, // no t=
      `t=${T}`, // no v1=
      `t=${T},t=${T},${v1}`,
      `t=abc,${v1}`,
      `t=${T},v1=xyz`,
      `t=${T},v1=${'A'.repeat(64)}`,
      `t=${T},v1=${'a'.repeat(63)}`,
      `t=${T},,${v1}`,
    ]) {
      expect(
        reasonOf(() => verify({ signatureHeader: header })),
        header,
      ).toBe('malformed_signature');
    }
  });

  it('accepts a header with several v1 values when any matches (secret rotation), ignoring unknown schemes', () => {
    const both = signWebhook({ rawBody, secret: ['old-secret-0123456789abcdef', SECRET], timestamp: T });
    expect(both.split(',')).toHaveLength(3);
    expect(verify({ signatureHeader: both }).id).toBe(event.id);
    expect(verify({ signatureHeader: `${both},v2=future` }).id).toBe(event.id);
    // The receiver may hold several secrets too, while it switches over.
    expect(verify({ secret: ['next-secret-0123456789abcdef', SECRET] }).id).toBe(event.id);
    const neither = signWebhook({
      rawBody,
      secret: ['one-0123456789abcdefghij', 'two-0123456789abcdefghij'],
      timestamp: T,
    });
    expect(reasonOf(() => verify({ signatureHeader: neither }))).toBe('bad_signature');
  });

  it('refuses a correctly signed body that is not a webhook event, and a mismatching X-Event-Id', () => {
    for (const body of ['not json', JSON.stringify({ ...event, type: 'payment.failed' }), '{}']) {
      const header = signWebhook({ rawBody: body, secret: SECRET, timestamp: T });
      expect(reasonOf(() => verify({ rawBody: body, signatureHeader: header }))).toBe('invalid_body');
    }
    expect(reasonOf(() => verify({ eventIdHeader: 'evt_other' }))).toBe('event_id_mismatch');
    expect(reasonOf(() => verify({ eventIdHeader: null }))).toBe('event_id_mismatch');
  });
});
