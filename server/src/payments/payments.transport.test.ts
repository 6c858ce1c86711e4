import { describe, expect, it } from 'vitest';
import { isPrivateAddress, isPrivateUrl } from './payments.transport';

describe('webhook target checks', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])('%s is private', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );

  it('names localhost and private literals in URLs, leaves other names to the connect-time lookup', () => {
    expect(isPrivateUrl('http://localhost:3000/x')).toBe(true);
    expect(isPrivateUrl('http://hello.localhost/x')).toBe(true);
    expect(isPrivateUrl('http://[::1]:80/x')).toBe(true);
    expect(isPrivateUrl('https://10.0.0.5/hook')).toBe(true);
    expect(isPrivateUrl('https://hooks.example.com/x')).toBe(false);
  });
});
