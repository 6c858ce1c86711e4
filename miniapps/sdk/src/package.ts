/**
 * Builds a mini-program's page with Vite and zips it into a code package the registry accepts: `miniapp.json` (the
 * app's manifest) at the root, then the built files. Nothing about a deployment goes in: the backend's address
 * reaches the page at launch as `context.config.backendUrl`, so one package serves every run and node.
 *
 * @example
 * // miniapps/<name>/scripts/package.ts
 * import { buildPackage } from '@app/miniapp-sdk/package';
 * const { zipFile, version } = await buildPackage({ root: new URL('..', import.meta.url) });
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestSchema } from '@app/shared/miniapps';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';

export interface PackageOptions {
  /** The app's folder: it holds `miniapp.json` and `web/` (with its vite.config.ts). */
  root: string | URL;
  /** Where the built files go (default `<root>/dist/web`). */
  outDir?: string;
  /** The zip to write (default `<root>/dist/<folder name>.zip`). */
  zipFile?: string;
}

export interface BuiltPackage {
  zipFile: string;
  zip: Uint8Array;
  version: string;
}

async function filesUnder(dir: string, prefix = ''): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), rel)));
    else out.push([rel, path.join(dir, entry.name)]);
  }
  return out;
}

export async function buildPackage(options: PackageOptions): Promise<BuiltPackage> {
  const root = options.root instanceof URL ? fileURLToPath(options.root) : path.resolve(options.root);
  const outDir = options.outDir ?? path.join(root, 'dist', 'web');
  const zipFile = options.zipFile ?? path.join(root, 'dist', `${path.basename(root)}.zip`);
  const manifestText = await readFile(path.join(root, 'miniapp.json'), 'utf8');
  // The registry checks it again on upload; failing here names the file before a build is wasted.
  const manifest = ManifestSchema.parse(JSON.parse(manifestText));
  await build({
    root: path.join(root, 'web'),
    configFile: path.join(root, 'web', 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const files: Zippable = { 'miniapp.json': new TextEncoder().encode(manifestText) };
  for (const [rel, abs] of await filesUnder(outDir)) files[rel] = new Uint8Array(await readFile(abs));
  // A fixed mtime keeps the zip byte-for-byte reproducible for the same sources.
  const zip = zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  await mkdir(path.dirname(zipFile), { recursive: true });
  await writeFile(zipFile, zip);
  return { zipFile, zip, version: manifest.version };
}

/** For an app's `package` script: builds, prints one line, exits non-zero on failure. */
export function packageCli(options: PackageOptions): void {
  buildPackage(options).then(
    ({ zipFile, zip, version }) =>
      process.stdout.write(`${version} → ${path.relative(process.cwd(), zipFile)} (${zip.length} bytes)\n`),
    (err: unknown) => {
      process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
      process.exit(1);
    },
  );
}
