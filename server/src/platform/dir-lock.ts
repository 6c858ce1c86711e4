import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** Another live process holds the directory. */
export class DirLockedError extends Error {
  override name = 'DirLockedError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dir>/.lock` for this process, so two runs never open one embedded database (PGlite has no lock of its own
 * and two writers would corrupt it). A lock left by a dead process is taken over. Returns the release function.
 */
export async function lockDir(dir: string, what: string): Promise<() => Promise<void>> {
  const file = path.join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && alive(pid))
        throw new DirLockedError(
          `${what} ${dir} is in use by another run (pid ${pid}). Give this run its own: DATA_DIR=… (or PORT=…, ` +
            'which picks data-<PORT>), or use DATABASE_URL.',
        );
      await rm(file, { force: true });
    }
  }
  throw new DirLockedError(`Could not lock ${dir}`);
}
