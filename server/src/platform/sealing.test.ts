import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSealingKey, Sealer } from './sealing';

describe('Sealer', () => {
  it('opens what it sealed, for the same context and key only', () => {
    const sealer = new Sealer('k'.repeat(40));
    const sealed = sealer.seal('the app secret', 'mpabcdefghij');
    expect(sealed).not.toContain('the app secret');
    expect(sealer.open(sealed, 'mpabcdefghij')).toBe('the app secret');
    expect(sealer.open(sealed, 'mpzzzzzzzzzz')).toBeUndefined();
    expect(new Sealer('x'.repeat(40)).open(sealed, 'mpabcdefghij')).toBeUndefined();
    expect(sealer.open('garbage', 'mpabcdefghij')).toBeUndefined();
    expect(sealer.seal('same', 'c')).not.toBe(sealer.seal('same', 'c')); // fresh IV each time
  });

  it('generates a key once under the data dir and reuses it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'seal-'));
    try {
      const first = await resolveSealingKey(dir, undefined);
      expect(await resolveSealingKey(dir, undefined)).toBe(first);
      expect((await stat(path.join(dir, 'sealing-key'))).mode & 0o777).toBe(0o600);
      expect(await resolveSealingKey(dir, 'c'.repeat(32))).toBe('c'.repeat(32));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
