import { createHmac, timingSafeEqual } from 'node:crypto';

/** A preview link works this long: enough to try a version, short enough that a leaked link soon dies. */
export const PREVIEW_TTL_SECONDS = 60 * 60;

/** `<version>~<expires, unix seconds>~<HMAC-SHA256, base64url>`: only URL-safe characters, no `/`. */
const TOKEN = /^(\d{1,9}\.\d{1,9}\.\d{1,9})~(\d{1,12})~([A-Za-z0-9_-]{43})$/;

/**
 * Preview links for versions nobody else may load yet (in review, approved, not released): the hosting server serves
 * `/_p/<token>/<file>` only while the token is unexpired and its HMAC — over the app, the version and the expiry —
 * checks out. The app comes from the Host header, so a token for one app opens nothing on another's origin. The key
 * is derived from the server's sealing key (platform/sealing.ts), so every node that shares SECRETS_KEY agrees.
 */
export class PreviewTokens {
  constructor(private readonly key: Buffer) {}

  /** A token for `version` of `appId`, valid for PREVIEW_TTL_SECONDS from `now` (ms). */
  mint(appId: string, version: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + PREVIEW_TTL_SECONDS;
    return `${version}~${expires}~${this.mac(appId, version, expires)}`;
  }

  /** The version the token opens on this app's origin; undefined when malformed, forged, expired or another app's. */
  verify(appId: string, token: string, now = Date.now()): string | undefined {
    const match = TOKEN.exec(token);
    if (!match) return undefined;
    const [, version, expiresText, mac] = match as unknown as [string, string, string, string];
    const expires = Number(expiresText);
    const expected = Buffer.from(this.mac(appId, version, expires));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return expires * 1000 > now ? version : undefined;
  }

  private mac(appId: string, version: string, expires: number): string {
    return createHmac('sha256', this.key)
      .update(`miniapp-preview:v1:${appId}:${version}:${expires}`)
      .digest('base64url');
  }
}
