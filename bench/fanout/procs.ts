import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bench = path.resolve(here, '..');

export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  fds: number;
}

/**
 * A child process speaking JSON lines: commands go in on stdin, every stdout line that parses as JSON is a message.
 * `next(key)` waits for the next message carrying that key (messages nobody waits for are kept in order).
 */
export class Child {
  private readonly inbox: Array<Record<string, unknown>> = [];
  private waiters: Array<{ key: string; resolve: (m: Record<string, unknown>) => void }> = [];
  private exited = false;

  constructor(readonly proc: ChildProcess) {
    let buf = '';
    proc.stdout!.on('data', (chunk) => {
      buf += String(chunk);
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) this.receive(line);
    });
    proc.once('exit', (code) => {
      this.exited = true;
      for (const w of this.waiters) w.resolve({ exited: code });
      this.waiters = [];
    });
  }

  private receive(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const i = this.waiters.findIndex((w) => w.key in msg);
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(msg);
    else this.inbox.push(msg);
  }

  /** The next whole message carrying `key`; rejects if the process exits first. */
  async next<T>(key: string): Promise<T> {
    const queued = this.inbox.findIndex((m) => key in m);
    const msg =
      queued >= 0
        ? this.inbox.splice(queued, 1)[0]!
        : this.exited
          ? { exited: this.proc.exitCode }
          : await new Promise<Record<string, unknown>>((resolve) => this.waiters.push({ key, resolve }));
    if (!(key in msg)) throw new Error(`process exited (${String(msg.exited)}) while waiting for "${key}"`);
    return msg as T;
  }

  send(command: string): void {
    this.proc.stdin!.write(`${command}\n`);
  }

  async memory(): Promise<Memory> {
    this.send('mem');
    return (await this.next<{ mem: Memory }>('mem')).mem;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGTERM');
    await exited;
  }
}

/** Runs a bench/ script (path relative to bench/) under tsx; servers get the memory probe and `--expose-gc`. */
export function run(script: string, args: Array<string | number>, opts: { server?: boolean } = {}): Child {
  const flags = opts.server
    ? ['--expose-gc', '--import', 'tsx', '--import', path.join(here, 'probe.ts')]
    : ['--import', 'tsx'];
  const proc = spawn(process.execPath, [...flags, path.join(bench, script), ...args.map(String)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Child(proc);
}

/** Starts a server script and waits for its `{"ready":true,"port":…}` line. */
export async function startServer(
  script: string,
  args: Array<string | number>,
): Promise<{ child: Child; port: number }> {
  const child = run(script, args, { server: true });
  const { port } = await child.next<{ port: number }>('ready');
  return { child, port };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
