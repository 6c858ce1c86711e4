import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kind, type ParseCost } from './api';
import { ms, ratio, type Summary } from './stats';

export interface KindResult {
  kind: Kind;
  sequential: Summary;
  concurrent: Summary;
  /** Completed calls per second with the in-flight window full. */
  perSecond: number;
}

export interface RunResult {
  index: number;
  crossOrigin: boolean;
  /** Cross-origin isolated (the opt-in precise-timer mode). */
  isolated: boolean;
  resolutionMs: number;
  parse: ParseCost;
  kinds: KindResult[];
}

interface Setup {
  N: number;
  WARMUP: number;
  IN_FLIGHT: number;
  machine: string;
  browser: string;
}

/** DESIGN §10. */
const TARGET_P99_MS = 5;
const SECTION = '## Bridge round trip (Chromium) (`pnpm --filter @app/bench bridge`)';
const here = path.dirname(fileURLToPath(import.meta.url));
const DOC = path.resolve(here, '../../docs/BENCHMARKS.md');

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const header = (cells: string[]) => [row(cells), row(cells.map(() => '---'))];
const rawOf = (run: RunResult) => run.kinds.find((k) => k.kind === 'raw')!;
const bridges = (run: RunResult) => run.kinds.filter((k) => k.kind !== 'raw');

function sequentialTable(runs: RunResult[]): string[] {
  const lines = header(['run', 'path', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'p99 ratio', 'mean ratio']);
  for (const run of runs) {
    const raw = rawOf(run).sequential;
    for (const { kind, sequential: s } of run.kinds) {
      const ratios = kind === 'raw' ? ['1×', '1×'] : [`**${ratio(s.p99 / raw.p99)}**`, ratio(s.mean / raw.mean)];
      lines.push(row([run.index, kind, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), ms(s.mean), ...ratios]));
    }
  }
  return lines;
}

function concurrentTable(runs: RunResult[], inFlight: number): string[] {
  const lines = header(['run', 'path', 'calls/s', 'p50 ms', 'p99 ms', 'max ms', 'throughput ratio', 'p99 ratio']);
  for (const run of runs) {
    const raw = rawOf(run);
    for (const k of run.kinds) {
      const c = k.concurrent;
      const ratios =
        k.kind === 'raw' ? ['1×', '1×'] : [ratio(k.perSecond / raw.perSecond), ratio(c.p99 / raw.concurrent.p99)];
      lines.push(row([run.index, k.kind, Math.round(k.perSecond), ms(c.p50), ms(c.p99), ms(c.max), ...ratios]));
    }
  }
  return [`${inFlight} calls in flight (closed loop):`, '', ...lines];
}

function parseTable(runs: RunResult[]): string[] {
  const us = (v: number) => v.toFixed(1);
  const lines = header([
    'run',
    'SDK params',
    'host envelope',
    'host params',
    'host result',
    'SDK envelope',
    'SDK result',
    'zod total µs',
    'bridge − raw, mean µs',
    'SDK timer µs (not zod)',
  ]);
  for (const run of runs) {
    const { index, parse: p } = run;
    const bridge = run.kinds.find((k) => k.kind === 'bridge:ui.setTitle')!.sequential;
    const overheadUs = (bridge.mean - rawOf(run).sequential.mean) * 1000;
    const parts = [p.sdkParams, p.hostEnvelope, p.hostParams, p.hostResult, p.sdkEnvelope, p.sdkResult, p.total];
    lines.push(row([index, ...parts.map(us), us(overheadUs), us(p.sdkTimer)]));
  }
  return [
    'What one `ui.setTitle` round trip spends in zod, each parse timed on its own in the iframe (µs), next to the ' +
      "bridge's measured extra cost over raw:",
    '',
    ...lines,
  ];
}

function verdict(runs: RunResult[]): string {
  const p99s = runs.flatMap((r) => bridges(r).map((k) => k.sequential.p99));
  const ratios = runs.flatMap((r) => bridges(r).map((k) => k.sequential.p99 / rawOf(r).sequential.p99));
  const means = runs.flatMap((r) => bridges(r).map((k) => k.sequential.mean / rawOf(r).sequential.mean));
  const worst = Math.max(...p99s);
  const met = worst < TARGET_P99_MS;
  return (
    `**Verdict: target p99 < ${TARGET_P99_MS} ms ${met ? 'met' : 'NOT met'}**: bridge p99 ${ms(Math.min(...p99s))}–` +
    `${ms(worst)} ms across ${runs.length} runs (${ratio(Math.min(...ratios))}–${ratio(Math.max(...ratios))} raw p99; ` +
    `mean ${ratio(Math.min(...means))}–${ratio(Math.max(...means))} raw).`
  );
}

/** Prints the tables and replaces the marked block in docs/BENCHMARKS.md (appending the section if it is missing). */
export function writeReport(runs: RunResult[], setup: Setup): void {
  const precise = runs.every((r) => r.isolated);
  const marker = precise ? 'bridge-precise' : 'bridge';
  const [START, END] = [`<!-- ${marker}:start -->`, `<!-- ${marker}:end -->`];
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const resolution = Math.max(...runs.map((r) => r.resolutionMs));
  const crossOrigin = runs.every((r) => r.crossOrigin) ? 'cross-origin confirmed' : 'NOT cross-origin';
  const block = [
    `Run ${when} UTC on ${setup.machine}, ${setup.browser} headless, Node ${process.version}. ${runs.length} runs, ` +
      `each a fresh browser; per run and path: ${setup.WARMUP} warm-up calls, then N = ${setup.N} sequential calls ` +
      `and N = ${setup.N} at ${setup.IN_FLIGHT} in flight, paths interleaved in blocks of 1,000. Iframe timer ` +
      `resolution ${ms(resolution)} ms; ${crossOrigin}; ` +
      (precise ? 'cross-origin isolated (precise timer mode).' : 'served as the product serves (not isolated).'),
    '',
    verdict(runs),
    '',
    'Sequential round trip:',
    '',
    ...sequentialTable(runs),
    '',
    ...concurrentTable(runs, setup.IN_FLIGHT),
    '',
    ...parseTable(runs),
  ].join('\n');
  process.stdout.write(`${block}\n`);

  const text = readFileSync(DOC, 'utf8');
  const [start, end] = [text.indexOf(START), text.indexOf(END)];
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${START}\n\n${block}\n\n${text.slice(end)}`
      : `${text.trimEnd()}\n\n${precise ? '### Precise timer' : SECTION}\n\n${START}\n\n${block}\n\n${END}\n`;
  writeFileSync(DOC, next);
}
