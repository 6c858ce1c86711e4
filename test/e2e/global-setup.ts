import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../support/chromium';

/**
 * Playwright may not download browsers here; the tests use Debian's Chromium. When it is missing and we are root on
 * a Debian-like machine (CI, a fresh dev box), install it; otherwise say exactly what to do.
 */
export default function globalSetup(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  process.stdout.write('Chromium is missing: installing Debian chromium (apt-get)…\n');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
