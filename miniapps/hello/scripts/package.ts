/**
 * Builds Hello's page and zips it with its manifest (miniapp.json) into a code package:
 *
 *   pnpm --filter @app/miniapp-hello package   → miniapps/hello/dist/hello.zip
 *
 * The package holds nothing about where its backend runs: the platform hands the page that address at launch
 * (`context.config.backendUrl`), so one build serves every run.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage, packageCli, type BuiltPackage } from '@app/miniapp-sdk/package';

const HELLO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** For tests: build into a folder of their own. */
export function buildHelloPackage(options: { outDir?: string; zipFile?: string } = {}): Promise<BuiltPackage> {
  return buildPackage({ root: HELLO_ROOT, ...options });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  packageCli({ root: HELLO_ROOT });
