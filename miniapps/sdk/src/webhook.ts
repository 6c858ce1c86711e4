/**
 * Webhook signatures for mini-program backends (Node only: `node:crypto`). Import from `@app/miniapp-sdk/webhook`,
 * never from page code. The platform signs every webhook POST with
 * `X-Signature: t=<unix seconds>,v1=<hex hmac-sha256(appSecret, t + "." + rawBody)>` (several `v1=` while a secret
 * is being rotated) and sends the event id again as `X-Event-Id`. See docs/miniapps/openapi.md, "Verifying webhooks".
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_TOLERANCE_SECONDS, WebhookEventSchema, type WebhookEvent } from '@app/shared/openapi';

export { EVENT_ID_HEADER, SIGNATURE_HEADER, WEBHOOK_TOLERANCE_SECONDS } from '@app/shared/openapi';
export type { WebhookEvent, WebhookEventType } from '@app/shared/openapi';

export type WebhookErrorReason =
  | 'missing_signature'
  | 'malformed_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'event_id_mismatch'
  | 'invalid_body';

/** Why a webhook was refused. Answer it with a 400 (the platform retries, which is harmless: nothing was applied). */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  constructor(
    readonly reason: WebhookErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifyWebhookOptions {
  /** The request body exactly as received, before any JSON parsing (re-serialised JSON would not match). */
  rawBody: string | Uint8Array;
  /** The `X-Signature` header (node's `req.headers['x-signature']`). */
  signatureHeader: string | readonly string[] | null | undefined;
  /** The app secret; several while you rotate it (any of them may match). */
  secret: string | readonly string[];
  /** How old (or how far in the future) `t` may be; 300 s by default, as the platform requires. */
  toleranceSeconds?: number;
  /** The `X-Event-Id` header, if you pass it: it must equal the body's `id`. */
  eventIdHeader?: string | readonly string[] | null;
  /** "Now", for tests. */
  now?: Date;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Parses `t=<unix>,v1=<hex>[,v1=<hex>…]`; unknown keys (a future `v2=`) are skipped. */
function parseSignatureHeader(header: string): { timestamp: number; signatures: Buffer[] } {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new WebhookVerificationError('malformed_signature', `Malformed X-Signature part "${part}"`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value))
        throw new WebhookVerificationError('malformed_signature', 'X-Signature needs exactly one numeric t=');
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value))
        throw new WebhookVerificationError('malformed_signature', 'X-Signature v1= must be 64 lowercase hex digits');
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined) throw new WebhookVerificationError('malformed_signature', 'X-Signature lacks t=');
  if (!signatures.length) throw new WebhookVerificationError('malformed_signature', 'X-Signature lacks v1=');
  return { timestamp, signatures };
}

function single(header: string | readonly string[] | null | undefined): string | undefined {
  const value = typeof header === 'string' ? header : header?.length === 1 ? header[0] : undefined;
  return value?.trim() || undefined;
}

function hmac(secret: string, timestamp: number, rawBody: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

/**
 * Checks a webhook's signature and age, then parses its body with the shared `WebhookEventSchema`. Throws a
 * `WebhookVerificationError` (with a `reason`) for a missing or malformed header, a signature that matches none of
 * the secrets (compared in constant time), a timestamp more than `toleranceSeconds` away from now, or a body that is
 * not a webhook event. Deduplicate on the returned `event.id`: retries carry the same id.
 *
 * @example
 * import { verifyWebhook, WebhookVerificationError } from '@app/miniapp-sdk/webhook';
 *
 * // node:http — read the raw body first, parse nothing before verifying
 * const chunks: Buffer[] = [];
 * for await (const chunk of req) chunks.push(chunk);
 * const rawBody = Buffer.concat(chunks);
 * try {
 *   const event = verifyWebhook({ rawBody, signatureHeader: req.headers['x-signature'], secret: APP_SECRET });
 *   if (!seen.has(event.id)) { seen.add(event.id); await apply(event); }
 *   res.writeHead(200).end();
 * } catch (err) {
 *   res.writeHead(err instanceof WebhookVerificationError ? 400 : 500).end();
 * }
 */
export function verifyWebhook(options: VerifyWebhookOptions): WebhookEvent {
  const header = single(options.signatureHeader);
  if (!header) throw new WebhookVerificationError('missing_signature', 'Missing X-Signature header');
  const { timestamp, signatures } = parseSignatureHeader(header);

  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > tolerance) {
    throw new WebhookVerificationError(
      'stale_timestamp',
      `X-Signature t=${timestamp} is ${nowSeconds - timestamp} s from now (tolerance ${tolerance} s)`,
    );
  }

  const body =
    typeof options.rawBody === 'string' ? Buffer.from(options.rawBody, 'utf8') : Buffer.from(options.rawBody);
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  if (!secrets.length) throw new TypeError('verifyWebhook needs a secret');
  // Every (secret, signature) pair is compared, so timing says nothing about which one matched.
  let matched = false;
  for (const secret of secrets) {
    const expected = hmac(secret, timestamp, body);
    for (const given of signatures) matched = timingSafeEqual(expected, given) || matched;
  }
  if (!matched) throw new WebhookVerificationError('bad_signature', 'X-Signature does not match the body');

  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('invalid_body', 'The webhook body is not JSON');
  }
  const parsed = WebhookEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WebhookVerificationError(
      'invalid_body',
      `The webhook body is not a webhook event (${issue?.path.join('.') || 'body'}: ${issue?.message})`,
    );
  }
  const eventId = options.eventIdHeader === undefined ? undefined : single(options.eventIdHeader);
  if (options.eventIdHeader !== undefined && eventId !== parsed.data.id) {
    throw new WebhookVerificationError('event_id_mismatch', 'X-Event-Id does not match the body id');
  }
  return parsed.data;
}

export interface SignWebhookOptions {
  rawBody: string | Uint8Array;
  /** One `v1=` per secret, in this order. */
  secret: string | readonly string[];
  /** Unix seconds; now by default. */
  timestamp?: number;
}

/**
 * Builds an `X-Signature` value the way the platform does: for tests of your webhook receiver.
 *
 * @example
 * import { signWebhook } from '@app/miniapp-sdk/webhook';
 *
 * const rawBody = JSON.stringify(event);
 * await fetch('http://localhost:3101/webhooks', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', 'x-signature': signWebhook({ rawBody, secret }) },
 *   body: rawBody,
 * });
 */
export function signWebhook(options: SignWebhookOptions): string {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const body =
    typeof options.rawBody === 'string' ? Buffer.from(options.rawBody, 'utf8') : Buffer.from(options.rawBody);
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${hmac(s, timestamp, body).toString('hex')}`)].join(',');
}
