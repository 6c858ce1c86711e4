import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../platform/logger';

export interface SupervisorOptions {
  name: string;
  /** The backend's folder (its own node_modules has tsx). */
  cwd: string;
  /** Node arguments, e.g. `['--import', 'tsx', 'server/src/main.ts']`. */
  args: string[];
  /** Its whole environment besides PATH and a few basics: the platform's own secrets are never passed on. */
  env: Record<string, string>;
  logger: Logger;
  /** First restart delay; doubled after each crash up to `maxBackoffMs` (1 s … 30 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A run this long counts as healthy: the next crash starts the backoff from the beginning again (60 s). */
  stableMs?: number;
}

export interface Supervised {
  /** The running child, if any (between a crash and its restart there is none). */
  child(): ChildProcess | undefined;
  /** How many times it was started (1 + restarts). */
  starts(): number;
  /** SIGTERM (SIGKILL after `graceMs`), no more restarts; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const PASSED_THROUGH = ['PATH', 'HOME', 'LANG', 'TZ', 'NODE_ENV', 'SYSTEMROOT'];

/**
 * Runs a bundled mini-program backend as a child process and keeps it running: when it dies it is started again
 * after 1 s, 2 s, 4 s … (at most 30 s), and the delay starts over once a run lasted a minute. If this process exits
 * without a clean stop, the child is sent SIGTERM so it never holds its port as an orphan.
 */
export function supervise(options: SupervisorOptions): Supervised {
  const base = Object.fromEntries(PASSED_THROUGH.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  const { logger, name } = options;
  const backoffMs = options.backoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const stableMs = options.stableMs ?? 60_000;
  let current: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stopping = false;
  let starts = 0;
  let delay = backoffMs;
  let timer: NodeJS.Timeout | undefined;
  const orphanGuard = () => current?.kill('SIGTERM');
  process.on('exit', orphanGuard);

  const start = () => {
    timer = undefined;
    starts += 1;
    const startedAt = Date.now();
    const child = spawn(process.execPath, options.args, {
      cwd: options.cwd,
      env: { ...base, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    current = child;
    exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        current = undefined;
        resolve();
        if (stopping) return;
        if (Date.now() - startedAt >= stableMs) delay = backoffMs;
        logger.error({ app: name, code, signal, restartInMs: delay }, `${name} backend exited; restarting`);
        timer = setTimeout(start, delay);
        delay = Math.min(delay * 2, maxBackoffMs);
      });
      // Never spawned (e.g. the folder is gone): 'exit' follows 'error' only sometimes, so resolve here too.
      child.once('error', (err) => {
        logger.error({ app: name, err }, `${name} backend failed to start`);
        resolve();
      });
    });
  };
  start();

  return {
    child: () => current,
    starts: () => starts,
    async stop(graceMs = 5000) {
      stopping = true;
      process.off('exit', orphanGuard);
      if (timer) clearTimeout(timer);
      const child = current;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(kill);
    },
  };
}
