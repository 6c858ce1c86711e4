import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sealer } from '../platform/sealing';
import { PREVIEW_TTL_SECONDS, PreviewTokens } from './miniapps.preview';

const APP = 'mpabcdefghij';
const tokens = new PreviewTokens(randomBytes(32));
const NOW = Date.UTC(2026, 10, 1, 12);

describe('PreviewTokens', () => {
  it('opens the version it was minted for, on its own app only, until it expires', () => {
    const token = tokens.mint(APP, '1.2.3', NOW);
    expect(token).toMatch(/^1\.2\.3~\d+~[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify(APP, token, NOW)).toBe('1.2.3');
    expect(tokens.verify(APP, token, NOW + (PREVIEW_TTL_SECONDS - 1) * 1000)).toBe('1.2.3');
    expect(tokens.verify(APP, token, NOW + PREVIEW_TTL_SECONDS * 1000)).toBeUndefined();
    expect(tokens.verify('mpzzzzzzzzzz', token, NOW)).toBeUndefined();
  });

  it('refuses any change to the version, the expiry or the MAC, and another key', () => {
    const token = tokens.mint(APP, '1.2.3', NOW);
    const [version, expires, mac] = token.split('~') as [string, string, string];
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    for (const forged of [
      `1.2.4~${expires}~${mac}`,
      `${version}~${Number(expires) + 3600}~${mac}`,
      `${version}~${expires}~${flip(mac[0]!)}${mac.slice(1)}`,
      `${version}~${expires}~${mac.slice(0, -1)}`,
      `${version}~${expires}`,
      '',
      '../1.2.3',
    ])
      expect(tokens.verify(APP, forged, NOW), forged).toBeUndefined();
    expect(new PreviewTokens(randomBytes(32)).verify(APP, token, NOW)).toBeUndefined();
  });

  it('derives its key from the sealing key: nodes sharing SECRETS_KEY agree, others do not', () => {
    const material = 'k'.repeat(40);
    const a = new PreviewTokens(new Sealer(material).deriveKey('miniapp-preview'));
    const b = new PreviewTokens(new Sealer(material).deriveKey('miniapp-preview'));
    const other = new PreviewTokens(new Sealer(material).deriveKey('something-else'));
    const token = a.mint(APP, '0.1.0', NOW);
    expect(b.verify(APP, token, NOW)).toBe('0.1.0');
    expect(other.verify(APP, token, NOW)).toBeUndefined();
  });
});
