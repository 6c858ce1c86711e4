import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Raw socket.io relay vs our relay (auth + validation + Postgres persistence), same machine, same run.
 * Usage: pnpm bench (from the root). Prints a table and rewrites the relay section of docs/BENCHMARKS.md.
 * Needs Postgres at 127.0.0.1:5432 (TEST_DATABASE_URL) and a file-descriptor limit above 2 × clients.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SIZES = (process.env.BENCH_CLIENTS ?? '1000,5000').split(',').map(Number);

interface Load {
  delivered: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function startServer(script: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (c) => {
      buf += String(c);
      const line = buf.split('\n').find((l) => l.includes('"ready"'));
      if (line) resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

function load(args: Array<string | number>): Promise<Load> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load.ts'), ...args.map(String)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Load)
        : reject(new Error(`load exited ${code}`)),
    );
  });
}

/** Lets the server finish what the previous phase left queued. */
const settle = () => new Promise((r) => setTimeout(r, 3000));

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const fdLimit = execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim();
const rows: string[] = [];
for (const clients of SIZES) {
  const raw = await startServer('raw-server.ts', []);
  const rawMax = await load(['raw', raw.port, clients, 0, SECONDS]);
  const rate = Math.max(100, Math.round(rawMax.perSecond / 2));
  const rawHalf = await load(['raw', raw.port, clients, rate, SECONDS]);
  await stop(raw.child);

  const usersFile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'users.json');
  const app = await startServer('app-server.ts', [usersFile, String(clients)]);
  const appMax = await load(['app', app.port, clients, 0, SECONDS, usersFile]);
  // At half the raw maximum ours is past saturation, so also compare both at half of our own maximum. The overload
  // phase runs last: its backlog would otherwise still be draining during the next phase.
  const ownRate = Math.max(100, Math.round(appMax.perSecond / 2));
  await settle();
  const appOwnHalf = await load(['app', app.port, clients, ownRate, SECONDS, usersFile]);
  await settle();
  const appHalf = await load(['app', app.port, clients, rate, SECONDS, usersFile]);
  await stop(app.child);
  const rawAgain = await startServer('raw-server.ts', []);
  const rawOwnHalf = await load(['raw', rawAgain.port, clients, ownRate, SECONDS]);
  await stop(rawAgain.child);

  const f = (n: number) => n.toFixed(1);
  rows.push(
    `| ${clients} | ${Math.round(rawMax.perSecond)} | ${Math.round(appMax.perSecond)} | **${(appMax.perSecond / rawMax.perSecond).toFixed(2)}×** | ${rate} | ${f(rawHalf.p50)} / ${f(rawHalf.p99)} | ${f(appHalf.p50)} / ${f(appHalf.p99)} | **${(appHalf.p99 / Math.max(rawHalf.p99, 0.001)).toFixed(2)}×** | ${ownRate} | ${f(rawOwnHalf.p50)} / ${f(rawOwnHalf.p99)} | ${f(appOwnHalf.p50)} / ${f(appOwnHalf.p99)} | **${(appOwnHalf.p99 / Math.max(rawOwnHalf.p99, 0.001)).toFixed(2)}×** | ${rawMax.errors + rawHalf.errors} / ${appMax.errors + appHalf.errors + appOwnHalf.errors} |`,
  );
  process.stdout.write(`${rows.at(-1)}\n`);
}

const table = [
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, Postgres pool ${process.env.DB_POOL_SIZE ?? 30}, file-descriptor limit ${fdLimit}, ${SECONDS} s per phase after 2 s warm-up.`,
  '',
  '| clients | raw max msg/s | ours max msg/s | throughput ratio | offered (½ raw max) | raw p50 / p99 ms | ours p50 / p99 ms | p99 ratio | offered (½ ours max) | raw p50 / p99 ms | ours p50 / p99 ms | p99 ratio | errors raw / ours |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
process.stdout.write(`\n${table}\n`);

const doc = path.resolve(here, '../../docs/BENCHMARKS.md');
const text = readFileSync(doc, 'utf8');
const start = text.indexOf('<!-- relay:start -->');
const end = text.indexOf('<!-- relay:end -->');
if (start >= 0 && end > start) {
  writeFileSync(doc, `${text.slice(0, start)}<!-- relay:start -->\n${table}\n${text.slice(end)}`);
}
