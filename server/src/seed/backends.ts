import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../platform/logger';

export interface BackendProcessOptions {
  name: string;
  /** The backend's package folder (its own node_modules has tsx). */
  cwd: string;
  /** Its entry, relative to cwd. */
  entry: string;
  /** Its whole environment besides PATH and a few basics: the platform's own secrets are never passed on. */
  env: Record<string, string>;
  logger: Logger;
}

export interface BackendProcess {
  readonly child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const PASSED_THROUGH = ['PATH', 'HOME', 'LANG', 'TZ', 'NODE_ENV', 'SYSTEMROOT'];

/** Runs a bundled mini-program backend as a child process (`node --import tsx <entry>`), logging when it dies. */
export function startBackendProcess(options: BackendProcessOptions): BackendProcess {
  const base = Object.fromEntries(PASSED_THROUGH.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    cwd: options.cwd,
    env: { ...base, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // If this process dies without a clean shutdown, do not leave the backend running on its port.
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // never spawned: nothing to wait for
  });
  child.once('exit', (code, signal) => {
    process.off('exit', orphanGuard);
    if (!stopping) options.logger.error({ code, signal }, `${options.name} backend exited`);
  });
  child.once('error', (err) => options.logger.error({ err }, `${options.name} backend failed to start`));
  return {
    child,
    async stop(graceMs = 5000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
