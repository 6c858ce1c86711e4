import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeSection } from '../docs';

/**
 * The client's initial JS (DESIGN §10: ≤ 200 KB gzip): every script index.html loads or preloads, gzipped.
 * Run after `pnpm --filter @app/client build`: pnpm --filter @app/bench client-size
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../client/dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = [...new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!))];
const rows = files.map((f) => ({ file: f, gzip: gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).byteLength }));
const total = rows.reduce((s, r) => s + r.gzip, 0);
const table = [
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${files.length} scripts loaded up front, **${(total / 1024).toFixed(1)} KB gzip** (target ≤ 200 KB). Every other page is a lazy chunk.`,
  '',
  '| script | gzip KB |',
  '| --- | --- |',
  ...rows.map((r) => `| ${r.file.replace(/-[\w-]{8}\.js$/, '.js')} | ${(r.gzip / 1024).toFixed(1)} |`),
].join('\n');
writeSection('client', table);
