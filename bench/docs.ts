import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHMARKS_MD = fileURLToPath(new URL('../docs/BENCHMARKS.md', import.meta.url));

/** Prints `table` and puts it between `<!-- marker:start -->` and `<!-- marker:end -->` in docs/BENCHMARKS.md. */
export function writeSection(marker: string, table: string): void {
  process.stdout.write(`${table}\n`);
  const text = readFileSync(BENCHMARKS_MD, 'utf8');
  const [start, end] = [text.indexOf(`<!-- ${marker}:start -->`), text.indexOf(`<!-- ${marker}:end -->`)];
  if (start >= 0 && end > start)
    writeFileSync(BENCHMARKS_MD, `${text.slice(0, start)}<!-- ${marker}:start -->\n${table}\n${text.slice(end)}`);
}
