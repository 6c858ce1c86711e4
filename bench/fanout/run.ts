import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fanoutHeader, fanoutPhases, fanoutRow, RATE, SECONDS } from './fanout';
import { SOCKETS, socketsHeader, socketsPhase, socketsRow } from './sockets';
import { writeSection } from '../docs';

/**
 * The two socket-scale targets of DESIGN §10, each against a raw socket.io baseline in the same run.
 * Usage: pnpm --filter @app/bench sockets | fanout (BENCH_RUNS, default 2). Prints the tables and rewrites the
 * matching part of the "Sockets and group fan-out" section of docs/BENCHMARKS.md. Needs Postgres at 127.0.0.1:5432
 * and a per-process file-descriptor limit above BENCH_SOCKETS plus a margin (the server holds one fd per socket; the
 * clients are split over the load processes).
 */
const which = process.argv[2] ?? 'sockets';
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const fdLimit = execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim();
const stamp = () =>
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores (${cpus()[0]?.model.trim()}), shared, Node ${process.version}, file-descriptor limit ${fdLimit}, ${RUNS} runs.`;
if (Number(fdLimit) < SOCKETS + 200 && which === 'sockets')
  process.stderr.write(`warning: fd limit ${fdLimit} is below ${SOCKETS} + 200; expect resets past it\n`);

const rows: string[] = [];
const emit = (row: string) => {
  rows.push(row);
  process.stdout.write(`${row}\n`);
};
if (which === 'sockets') {
  for (let r = 1; r <= RUNS; r++) {
    const raw = await socketsPhase('raw');
    emit(socketsRow(r, raw));
    const ours = await socketsPhase('ours');
    emit(socketsRow(r, ours, raw));
    if (Object.keys(ours.reasons).length || Object.keys(raw.reasons).length)
      process.stdout.write(
        `disconnect reasons raw ${JSON.stringify(raw.reasons)} ours ${JSON.stringify(ours.reasons)}\n`,
      );
  }
  const table = [
    `${stamp()} N = ${SOCKETS} sockets from 2 load processes, batches of 100 per process; hold ${process.env.BENCH_HOLD_SECONDS ?? 30} s.`,
    '',
    ...socketsHeader,
    ...rows,
  ].join('\n');
  writeSection('sockets', table);
} else {
  for (let r = 1; r <= RUNS; r++) {
    const raw = await fanoutPhases('raw');
    const ours = await fanoutPhases('ours');
    raw.forEach((x, i) => {
      emit(fanoutRow(r, x));
      emit(fanoutRow(r, ours[i]!, x));
    });
  }
  const table = [
    `${stamp()} 500 receiving sockets per group, ${RATE} messages/s per group for ${SECONDS} s after 2 s warm-up.`,
    '',
    ...fanoutHeader,
    ...rows,
  ].join('\n');
  writeSection('fanout', table);
}
