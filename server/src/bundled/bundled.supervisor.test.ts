import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger';
import { supervise, type Supervised } from './bundled.supervisor';

const dirs: string[] = [];
let running: Supervised | undefined;
afterEach(async () => {
  await running?.stop(500);
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A backend that appends a line to `starts.log` each time it starts, then exits after `lifeMs` (or lives on). */
async function script(lifeMs: number | null): Promise<{ dir: string; starts: () => Promise<number> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'supervise-'));
  dirs.push(dir);
  const body = [
    "require('node:fs').appendFileSync('starts.log', 'x\\n');",
    lifeMs === null ? 'setInterval(() => {}, 1000);' : `setTimeout(() => process.exit(3), ${lifeMs});`,
    "process.on('SIGTERM', () => process.exit(0));",
  ].join('\n');
  await writeFile(path.join(dir, 'backend.cjs'), body);
  const starts = async () =>
    (await readFile(path.join(dir, 'starts.log'), 'utf8').catch(() => '')).split('\n').length - 1;
  return { dir, starts };
}

const logger = createLogger('silent');

describe('supervise', () => {
  it('starts a crashed backend again with a growing delay', async () => {
    const { dir, starts } = await script(20);
    const began = Date.now();
    running = supervise({ name: 't', cwd: dir, args: ['backend.cjs'], env: {}, logger, backoffMs: 100 });
    // Starts at 0, then after ~100, ~200, ~400 ms of backoff (plus each run's 20 ms).
    await expect.poll(starts, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    expect(Date.now() - began).toBeGreaterThanOrEqual(700);
    expect(running.starts()).toBeGreaterThanOrEqual(4);
  });

  it('stops for good on stop(): the child is gone and never restarted', async () => {
    const { dir, starts } = await script(null);
    running = supervise({ name: 't', cwd: dir, args: ['backend.cjs'], env: {}, logger, backoffMs: 50 });
    await expect.poll(starts).toBe(1);
    const child = running.child()!;
    await running.stop();
    expect(child.exitCode ?? child.signalCode).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await starts()).toBe(1);
    expect(running.child()).toBeUndefined();
  });

  it('passes only the environment it is given (no platform secrets)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'supervise-'));
    dirs.push(dir);
    await writeFile(
      path.join(dir, 'env.cjs'),
      "require('node:fs').writeFileSync('env.json', JSON.stringify(process.env)); setInterval(() => {}, 1000);",
    );
    process.env.JWT_SECRET_FOR_TEST = 'must-not-leak';
    running = supervise({ name: 't', cwd: dir, args: ['env.cjs'], env: { APP_ID: 'mpabc' }, logger });
    await expect
      .poll(async () => JSON.parse(await readFile(path.join(dir, 'env.json'), 'utf8').catch(() => 'null')))
      .toMatchObject({ APP_ID: 'mpabc' });
    const seen = JSON.parse(await readFile(path.join(dir, 'env.json'), 'utf8')) as Record<string, string>;
    expect(seen.JWT_SECRET_FOR_TEST).toBeUndefined();
    delete process.env.JWT_SECRET_FOR_TEST;
  });
});
