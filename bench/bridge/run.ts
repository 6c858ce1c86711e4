import { cpus } from 'node:os';
import { chromium, type Frame, type Page } from '@playwright/test';
import { KINDS, type BenchGlobal, type ConcurrentResult, type Kind, type ParseCost } from './api';
import { writeReport, type RunResult } from './report';
import { servePages } from './serve';
import { summarize } from './stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@app/test/support/chromium';

/**
 * Bridge round trip in real Chromium (DESIGN §10: p99 < 5 ms), against a bare MessagePort between the same two
 * frames in the same run. Usage: pnpm --filter @app/bench bridge. Prints tables and rewrites the bridge section of
 * docs/BENCHMARKS.md. Uses Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium); never downloads a browser.
 */
const N = Number(process.env.BRIDGE_N ?? 5000);
const WARMUP = Number(process.env.BRIDGE_WARMUP ?? 500);
const IN_FLIGHT = Number(process.env.BRIDGE_IN_FLIGHT ?? 32);
const RUNS = Number(process.env.BRIDGE_RUNS ?? 3);
/** Opt-in: cross-origin-isolate both frames for a 5 µs timer instead of 100 µs (not how the product serves them). */
const PRECISE_TIMER = process.env.BRIDGE_PRECISE_TIMER === '1';
/** Kinds take turns in blocks of this many calls, so drift (GC, a busy neighbour) hits all of them alike. */
const BLOCK = 1000;

async function benchFrame(page: Page, appOrigin: string): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(`${appOrigin}/`));
    if (frame) {
      await frame.waitForFunction(() => (globalThis as BenchGlobal).__bench !== undefined, null, { timeout: 15_000 });
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error('The benchmark iframe never loaded');
}

const sequential = (frame: Frame, kind: Kind, n: number) =>
  frame.evaluate(([k, count]) => (globalThis as BenchGlobal).__bench!.sequential(k, count), [kind, n] as const);
const concurrent = (frame: Frame, kind: Kind, n: number) =>
  frame.evaluate(([k, count, inFlight]) => (globalThis as BenchGlobal).__bench!.concurrent(k, count, inFlight), [
    kind,
    n,
    IN_FLIGHT,
  ] as const);

/** Runs `phase` for every kind in blocks, rotating which kind goes first in each block. */
async function interleaved<T>(phase: (kind: Kind, n: number) => Promise<T>): Promise<Map<Kind, T[]>> {
  const out = new Map<Kind, T[]>(KINDS.map((k) => [k, []]));
  for (let done = 0, block = 0; done < N; done += BLOCK, block++) {
    const n = Math.min(BLOCK, N - done);
    for (let i = 0; i < KINDS.length; i++) {
      const kind = KINDS[(block + i) % KINDS.length]!;
      out.get(kind)!.push(await phase(kind, n));
    }
  }
  return out;
}

async function runOnce(index: number): Promise<RunResult & { browserVersion: string }> {
  const pages = await servePages({ preciseTimer: PRECISE_TIMER });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    await page.goto(pages.hostUrl);
    const frame = await benchFrame(page, pages.appOrigin);
    // A cross-origin parent's document is out of reach: proves the two frames really are cross-origin.
    const crossOrigin = await frame.evaluate(() => {
      try {
        return window.parent.document === undefined;
      } catch {
        return true;
      }
    });
    if (!crossOrigin) throw new Error('The iframe can reach the host document: not a cross-origin setup');
    for (const kind of KINDS) {
      await sequential(frame, kind, WARMUP);
      await concurrent(frame, kind, WARMUP);
    }
    const seq = await interleaved((kind, n) => sequential(frame, kind, n));
    const conc = await interleaved((kind, n) => concurrent(frame, kind, n));
    const parse: ParseCost = await frame.evaluate(() => (globalThis as BenchGlobal).__bench!.parseCost(20_000));
    const isolated = await frame.evaluate(() => crossOriginIsolated);
    if (isolated !== PRECISE_TIMER) throw new Error(`crossOriginIsolated is ${isolated}, expected ${PRECISE_TIMER}`);
    const resolutionMs = await frame.evaluate(() => (globalThis as BenchGlobal).__bench!.timerResolutionMs());
    const result: RunResult = {
      index,
      crossOrigin,
      isolated,
      resolutionMs,
      parse,
      kinds: KINDS.map((kind) => {
        const blocks: ConcurrentResult[] = conc.get(kind)!;
        const elapsed = blocks.reduce((s, b) => s + b.elapsedMs, 0);
        return {
          kind,
          sequential: summarize(seq.get(kind)!.flat()),
          concurrent: summarize(blocks.flatMap((b) => b.samples)),
          perSecond: (N / elapsed) * 1000,
        };
      }),
    };
    return { ...result, browserVersion: browser.version() };
  } finally {
    await browser.close();
    await pages.close();
  }
}

const runs: RunResult[] = [];
let browserVersion = '';
for (let i = 1; i <= RUNS; i++) {
  const run = await runOnce(i);
  browserVersion = run.browserVersion;
  runs.push(run);
  process.stderr.write(`run ${i}/${RUNS} done\n`);
}
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), shared`;
writeReport(runs, { N, WARMUP, IN_FLIGHT, machine, browser: `Chromium ${browserVersion}` });
