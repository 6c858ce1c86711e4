#!/usr/bin/env node
/**
 * `pnpm create-miniapp <name> [--title "Shop"] [--dir miniapps]`: a new mini-program in `miniapps/<name>/` — a page
 * on the SDK only, a backend on the Open API only (the SDK's server kit, its own database), a manifest and a
 * bundle.json so `BUNDLED_APPS=hello,<name> pnpm start` publishes and runs it. Plain JavaScript: it runs before
 * anything is installed for the new package.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TEMPLATE = path.join(HERE, 'template');
const REPO_MINIAPPS = path.resolve(HERE, '..', '..');
/** Offsets 101–104 belong to the bundled apps of DESIGN §7; new apps start above them. */
const FIRST_FREE_OFFSET = 105;

function fail(message) {
  process.stderr.write(`create-miniapp: ${message}\n`);
  process.exit(1);
}

async function files(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await files(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** The next backend port offset after every bundle.json under `root`. */
async function nextPortOffset(root) {
  let max = FIRST_FREE_OFFSET - 1;
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    try {
      const bundle = JSON.parse(await readFile(path.join(root, entry.name, 'bundle.json'), 'utf8'));
      max = Math.max(max, Number(bundle?.backend?.portOffset) || 0);
    } catch {
      // not a bundled app
    }
  }
  return max + 1;
}

export async function createMiniApp({ name, title, dir }) {
  if (!/^[a-z][a-z0-9]{1,30}$/.test(name ?? ''))
    throw new Error('the name is 2–31 lower-case letters and digits, starting with a letter (e.g. "shop")');
  const target = path.join(dir, name);
  if (existsSync(target)) throw new Error(`${target} already exists`);
  const values = {
    __NAME__: name,
    __TITLE__: title ?? name[0].toUpperCase() + name.slice(1),
    __PORT_OFFSET__: String(await nextPortOffset(dir)),
  };
  const written = [];
  for (const rel of await files(TEMPLATE)) {
    const fill = (text) => Object.entries(values).reduce((out, [key, value]) => out.replaceAll(key, value), text);
    const text = fill(await readFile(path.join(TEMPLATE, rel), 'utf8'));
    const out = path.join(target, fill(rel).replace(/\.tmpl$/, ''));
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, text);
    written.push(path.relative(dir, out));
  }
  return { target, files: written, title: values.__TITLE__, portOffset: Number(values.__PORT_OFFSET__) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { title: { type: 'string' }, dir: { type: 'string' } },
  });
  const dir = values.dir ? path.resolve(values.dir) : REPO_MINIAPPS;
  createMiniApp({ name: positionals[0], title: values.title, dir }).then(
    ({ target, files: written, title, portOffset }) => {
      const name = positionals[0];
      process.stdout.write(
        [
          `Created ${path.relative(process.cwd(), target) || target} (${written.length} files, backend on PORT + ${portOffset}).`,
          '',
          'Next:',
          '  pnpm install',
          `  BUNDLED_APPS=hello,${name} pnpm start     # publishes it through the registry and runs its backend`,
          '',
          `Then open Discover → ${title} as alice. Edit web/src/main.ts (the page) and server/src/ (the backend);`,
          'docs/miniapps/quickstart.md walks through the rest.',
          '',
        ].join('\n'),
      );
    },
    (err) => fail(err.message),
  );
}
