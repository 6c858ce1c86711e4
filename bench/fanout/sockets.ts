import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, run, sleep, startServer, type Child, type Memory } from './procs';

/**
 * DESIGN §10 "10,000 sockets on one node": N clients connect in batches from LOAD_PROCESSES separate processes to
 * the raw relay server (no auth) and to ours (JWT on connect, user room, presence), both from bench/relay/. Server
 * memory after two full GCs before and after; a liveness probe while all are connected; a hold of HOLD_S seconds
 * (past one 25 s ping interval) and a count of sockets still open.
 */
export const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000);
const LOAD_PROCESSES = Number(process.env.BENCH_LOAD_PROCESSES ?? 2);
const HOLD_S = Number(process.env.BENCH_HOLD_SECONDS ?? 30);

export interface SocketsResult {
  mode: 'raw' | 'ours';
  connected: number;
  failed: number;
  connectMs: number;
  before: Memory;
  after: Memory;
  afterHold: Memory;
  open: number;
  disconnects: number;
  reasons: Record<string, number>;
  healthIdle: number[];
  healthLoaded: number[];
  probe: number[];
}

async function health(port: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    await res?.arrayBuffer();
    out.push(res?.ok ? performance.now() - t0 : Number.POSITIVE_INFINITY);
  }
  return out.sort((a, b) => a - b);
}

export async function socketsPhase(mode: 'raw' | 'ours'): Promise<SocketsResult> {
  const usersFile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-sockets-')), 'users.json');
  const server =
    mode === 'raw'
      ? await startServer('relay/raw-server.ts', [])
      : await startServer('relay/app-server.ts', [usersFile, SOCKETS]);
  const loads: Child[] = [];
  try {
    await sleep(2000);
    const before = await server.child.memory();
    const healthIdle = mode === 'ours' ? await health(server.port) : [];
    const per = Math.ceil(SOCKETS / LOAD_PROCESSES);
    for (let p = 0; p < LOAD_PROCESSES; p++) {
      const args = [mode === 'raw' ? 'raw' : 'app', server.port, p * per, Math.min(SOCKETS, (p + 1) * per)];
      loads.push(run('fanout/sockets-load.ts', mode === 'raw' ? args : [...args, usersFile]));
    }
    await Promise.all(loads.map((l) => l.next('ready')));
    const t0 = performance.now();
    loads.forEach((l) => l.send('connect'));
    const connects = await Promise.all(loads.map((l) => l.next<{ connected: number; failed: number }>('connected')));
    const connectMs = performance.now() - t0;
    const after = await server.child.memory();
    const healthLoaded = mode === 'ours' ? await health(server.port) : [];
    loads[0]!.send('probe');
    const { probe } = await loads[0]!.next<{ probe: number[] }>('probe');
    await sleep(HOLD_S * 1000);
    const counts = await Promise.all(
      loads.map((l) => {
        l.send('count');
        return l.next<{ open: number; disconnects: number; reasons: Record<string, number> }>('open');
      }),
    );
    const afterHold = await server.child.memory();
    const reasons: Record<string, number> = {};
    for (const c of counts) for (const [k, v] of Object.entries(c.reasons)) reasons[k] = (reasons[k] ?? 0) + v;
    return {
      mode,
      connected: connects.reduce((s, c) => s + c.connected, 0),
      failed: connects.reduce((s, c) => s + c.failed, 0),
      connectMs,
      before,
      after,
      afterHold,
      open: counts.reduce((s, c) => s + c.open, 0),
      disconnects: counts.reduce((s, c) => s + c.disconnects, 0),
      reasons,
      healthIdle,
      healthLoaded,
      probe: probe.sort((a, b) => a - b),
    };
  } finally {
    loads.forEach((l) => l.send('quit'));
    await Promise.all(
      loads.map((l) => new Promise((r) => (l.proc.exitCode === null ? l.proc.once('exit', r) : r(null)))),
    );
    await server.child.stop();
  }
}

const mb = (b: number) => (b / 2 ** 20).toFixed(0);
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '∞');

export function kbPerConnection(r: SocketsResult): number {
  return (r.after.rss - r.before.rss) / 1024 / Math.max(1, r.connected);
}

export function socketsRow(run: number, r: SocketsResult, raw?: SocketsResult): string {
  const kb = kbPerConnection(r);
  const heapKb = (r.after.heapUsed - r.before.heapUsed) / 1024 / Math.max(1, r.connected);
  const ratio = (a: number, b: number | undefined) => (b ? `**${(a / b).toFixed(2)}×**` : '1×');
  const health = r.healthLoaded.length
    ? `${ms(percentile(r.healthIdle, 50))} → ${ms(percentile(r.healthLoaded, 50))} / ${ms(r.healthLoaded.at(-1)!)}`
    : 'n/a';
  return `| ${run} | ${r.mode} | ${r.connected} / ${r.connected + r.failed} | ${(r.connectMs / 1000).toFixed(1)} | ${ratio(r.connectMs, raw?.connectMs)} | ${mb(r.before.rss)} → ${mb(r.after.rss)} (${mb(r.afterHold.rss)}) | ${mb(r.before.heapUsed)} → ${mb(r.after.heapUsed)} | ${kb.toFixed(1)} | ${heapKb.toFixed(1)} | ${ratio(kb, raw ? kbPerConnection(raw) : undefined)} | ${r.open} (${r.disconnects} dropped) | ${r.after.fds} | ${health} | ${ms(percentile(r.probe, 50))} / ${ms(r.probe.at(-1)!)} |`;
}

export const socketsHeader = [
  '| run | server | connected | connect s | connect ratio | RSS MB before → after (after hold) | heap MB before → after | KB RSS / conn | KB heap / conn | KB ratio | open after hold | server fds | health p50 ms idle → loaded / max | message p50 / max ms |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
