import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, sleep, startServer } from './procs';

/**
 * DESIGN §10 "500-member group message p99 < 100 ms": per group 500 receiving sockets, one sender at RATE msg/s for
 * SECONDS; send → `message:new` latency over every delivery. Ours (`group-server.ts`: real `message:send`, stored
 * with its seq, pushed to 500 user rooms) vs raw (`raw-group-server.ts`: one room broadcast of the same event shape),
 * with 1 and with 2 groups active.
 */
export const RATE = Number(process.env.BENCH_FANOUT_RATE ?? 10);
export const SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 20);
const GROUPS = (process.env.BENCH_FANOUT_GROUPS ?? '1,2').split(',').map(Number);

export interface FanoutResult {
  mode: 'raw' | 'ours';
  groups: number;
  sent: number;
  deliveries: number;
  expected: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  errors: number;
}

export async function fanoutPhases(mode: 'raw' | 'ours'): Promise<FanoutResult[]> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-fanout-')), 'groups.json');
  const maxGroups = Math.max(...GROUPS);
  const server =
    mode === 'raw'
      ? await startServer('fanout/raw-group-server.ts', [])
      : await startServer('fanout/group-server.ts', [file, maxGroups]);
  const results: FanoutResult[] = [];
  try {
    for (const groups of GROUPS) {
      await sleep(2000);
      const args = [mode === 'raw' ? 'raw' : 'app', server.port, groups, RATE, SECONDS];
      const load = run('fanout/fanout-load.ts', mode === 'raw' ? args : [...args, file]);
      const r = await load.next<Omit<FanoutResult, 'mode' | 'groups'>>('result');
      results.push({ ...r, mode, groups });
    }
  } finally {
    await server.child.stop();
  }
  return results;
}

const f = (x: number) => x.toFixed(1);

export function fanoutRow(run: number, r: FanoutResult, raw?: FanoutResult): string {
  const ratio = raw ? `**${(r.p99 / Math.max(raw.p99, 0.001)).toFixed(2)}×**` : '1×';
  return `| ${run} | ${r.groups} | ${r.mode} | ${r.sent} | ${r.deliveries} / ${r.expected} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)} | ${ratio} | ${f(r.ackP50)} / ${f(r.ackP99)} | ${r.errors} |`;
}

export const fanoutHeader = [
  '| run | groups | server | messages | deliveries / expected | p50 ms | p95 ms | p99 ms | max ms | p99 ratio | ack p50 / p99 ms | errors |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
