import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveJwtSecret } from './secrets';

const dir = () => mkdtemp(path.join(tmpdir(), 'secrets-'));

describe('resolveJwtSecret', () => {
  it('prefers the configured secret and writes nothing', async () => {
    const d = await dir();
    expect(await resolveJwtSecret(d, 'x'.repeat(40))).toBe('x'.repeat(40));
    await expect(readFile(path.join(d, 'secrets.json'))).rejects.toThrow();
  });

  it('generates a secret once and returns the same one afterwards, even when asked concurrently', async () => {
    const d = await dir();
    const all = await Promise.all([
      resolveJwtSecret(d, undefined),
      resolveJwtSecret(d, undefined),
      resolveJwtSecret(d, undefined),
    ]);
    expect(new Set(all).size).toBe(1);
    expect(all[0]!.length).toBeGreaterThanOrEqual(32);
    expect(await resolveJwtSecret(d, undefined)).toBe(all[0]);
  });

  it('refuses a malformed secrets file instead of overwriting it', async () => {
    const d = await dir();
    await writeFile(path.join(d, 'secrets.json'), '{"jwtSecret": 1');
    await expect(resolveJwtSecret(d, undefined)).rejects.toThrow(/malformed/);
    expect(await readFile(path.join(d, 'secrets.json'), 'utf8')).toBe('{"jwtSecret": 1');
  });
});
