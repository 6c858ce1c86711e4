import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirLockedError, lockDir } from './dir-lock';

const dirs: string[] = [];
afterEach(() => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dir-lock-'));
  dirs.push(dir);
  return dir;
}

describe('lockDir', () => {
  it('refuses a directory a live process holds, naming its pid', async () => {
    const dir = await tempDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      await writeFile(path.join(dir, '.lock'), String(holder.pid));
      await expect(lockDir(dir, 'The embedded database')).rejects.toThrow(DirLockedError);
      await expect(lockDir(dir, 'The embedded database')).rejects.toThrow(`in use by another run (pid ${holder.pid})`);
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock whose process is gone, and releases it', async () => {
    const dir = await tempDir();
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('exit', resolve));
    await writeFile(path.join(dir, '.lock'), String(gone.pid));
    const release = await lockDir(dir, 'x');
    expect(await readFile(path.join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    await release();
    await expect(readFile(path.join(dir, '.lock'))).rejects.toThrow(/ENOENT/);
  });
});
