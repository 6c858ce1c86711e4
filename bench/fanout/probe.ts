import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Preloaded into a server process (`--import`, with `--expose-gc`): the line `mem` on stdin answers with one JSON
 * line of memory after two full collections, and the open file-descriptor count. Lets the orchestrator read the
 * server's RSS and heap without changing the server.
 */
const gc = (globalThis as { gc?: () => void }).gc;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'mem') return;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  let fds = -1;
  try {
    fds = readdirSync('/proc/self/fd').length;
  } catch {
    // Not Linux: the count is only informative.
  }
  process.stdout.write(
    `${JSON.stringify({ mem: { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, fds, gc: Boolean(gc) } })}\n`,
  );
});
