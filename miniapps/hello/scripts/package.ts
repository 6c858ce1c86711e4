/**
 * Builds Hello's page with Vite and zips it into a code package the registry accepts:
 * `miniapp.json` + `config.json` (the backend's origin) + the built files.
 *
 *   pnpm --filter @app/miniapp-hello package            → miniapps/hello/dist/hello.zip
 *   HELLO_PUBLIC_URL=https://hello.example pnpm --filter @app/miniapp-hello package
 *
 * The backend origin defaults to `http://localhost:${HELLO_PORT:-3101}`, the URL `pnpm start` runs it on.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';
import type { HelloConfig } from '../common/api';

const HELLO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_ZIP = path.join(HELLO_ROOT, 'dist', 'hello.zip');

export interface PackageOptions {
  /** The origin the page calls, e.g. `http://localhost:3101`; also what the app must declare in its domains. */
  backendUrl: string;
  /** Where the built files go (default miniapps/hello/dist/web). */
  outDir?: string;
  /** The zip to write (default miniapps/hello/dist/hello.zip). */
  zipFile?: string;
}

export interface BuiltPackage {
  zipFile: string;
  zip: Uint8Array;
  version: string;
}

/** The backend origin from the environment, the same rule server/src/main.ts uses to start the backend. */
export function backendUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.HELLO_PUBLIC_URL || `http://localhost:${env.HELLO_PORT || 3101}`).replace(/\/$/, '');
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

export async function buildHelloPackage(options: PackageOptions): Promise<BuiltPackage> {
  const outDir = options.outDir ?? path.join(HELLO_ROOT, 'dist', 'web');
  const zipFile = options.zipFile ?? DEFAULT_ZIP;
  const { version } = JSON.parse(await readFile(path.join(HELLO_ROOT, 'package.json'), 'utf8')) as { version: string };
  await build({
    root: path.join(HELLO_ROOT, 'web'),
    configFile: path.join(HELLO_ROOT, 'web', 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const config: HelloConfig = { backendUrl: new URL(options.backendUrl).origin };
  await writeFile(path.join(outDir, 'config.json'), JSON.stringify(config));
  const manifest = {
    name: 'Hello',
    version,
    entry: 'index.html',
    scopes: ['profile'],
    subscribeTemplates: [
      {
        id: 'hello_update',
        title: { en: 'Hello updates', 'zh-CN': 'Hello 动态' },
        text: {
          en: 'One message from Hello when you ask for it on its Notifications page.',
          'zh-CN': '在 Hello 的“通知”页请求时，Hello 给你发一条消息。',
        },
      },
    ],
  };
  const files: Zippable = { 'miniapp.json': new TextEncoder().encode(JSON.stringify(manifest, null, 2)) };
  for (const [rel, abs] of await filesUnder(outDir)) files[rel] = new Uint8Array(await readFile(abs));
  // A fixed mtime keeps the zip byte-for-byte reproducible for the same sources.
  const zip = zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  await mkdir(path.dirname(zipFile), { recursive: true });
  await writeFile(zipFile, zip);
  return { zipFile, zip, version };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const backendUrl = backendUrlFromEnv();
  buildHelloPackage({ backendUrl }).then(
    ({ zipFile, zip, version }) =>
      process.stdout.write(
        `Hello ${version} → ${path.relative(process.cwd(), zipFile)} (${zip.length} bytes, backend ${backendUrl})\n`,
      ),
    (err: unknown) => {
      process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
      process.exit(1);
    },
  );
}
