import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_PACKAGE_BYTES, MAX_PACKAGE_FILES, MAX_UNPACKED_BYTES, ManifestSchema, type Manifest } from '@app/shared';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { AppError } from '../platform/errors';

export interface CheckedPackage {
  manifest: Manifest;
  files: Map<string, Uint8Array>;
  bytes: number;
}

/** Why a package was refused, as `invalid_package` with a field per problem so the developer sees all of them. */
function refuse(problems: Record<string, string>): never {
  const first = Object.entries(problems)[0]!;
  throw new AppError('invalid_package', `${first[0]}: ${first[1]}`, problems);
}

/** A relative path that stays inside the package: no absolute paths, no `..`, no backslashes or drive letters. */
export function safePath(name: string): boolean {
  if (!name || name.length > 200 || name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name))
    return false;
  if (name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '..' && part !== '.');
}

/**
 * Validates a code package (a zip of static files with `miniapp.json` at its root) before anything is unpacked:
 * size ≤ 2 MB, ≤ 500 files, declared unpacked size ≤ 20 MB (checked per entry before inflating: no zip bombs), every
 * path inside the package, the manifest valid, and its entry file present.
 */
export function checkPackage(zip: Uint8Array): CheckedPackage {
  if (zip.byteLength > MAX_PACKAGE_BYTES)
    refuse({ package: `Packages are at most ${MAX_PACKAGE_BYTES / 1024 / 1024} MB` });
  const problems: Record<string, string> = {};
  let count = 0;
  let unpacked = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (file: UnzipFileInfo) => {
        if (file.name.endsWith('/')) return false; // directories
        count++;
        unpacked += file.originalSize;
        if (!safePath(file.name)) problems[file.name] = 'Path leaves the package';
        return count <= MAX_PACKAGE_FILES && unpacked <= MAX_UNPACKED_BYTES && safePath(file.name);
      },
    });
  } catch {
    refuse({ package: 'Not a readable zip file' });
  }
  if (count > MAX_PACKAGE_FILES) problems.package = `At most ${MAX_PACKAGE_FILES} files`;
  if (unpacked > MAX_UNPACKED_BYTES)
    problems.package = `Unpacked, a package is at most ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`;
  if (Object.keys(problems).length) refuse(problems);

  const rawManifest = entries['miniapp.json'];
  if (!rawManifest) refuse({ 'miniapp.json': 'Missing: put miniapp.json at the root of the zip' });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(rawManifest));
  } catch {
    refuse({ 'miniapp.json': 'Not valid JSON' });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    refuse(
      Object.fromEntries(parsed.error.issues.map((i) => [`miniapp.json ${i.path.join('.') || '(root)'}`, i.message])),
    );
  }
  if (!safePath(parsed.data.entry) || !entries[parsed.data.entry]) {
    refuse({ [`miniapp.json entry`]: `The entry file ${parsed.data.entry} is not in the package` });
  }
  return { manifest: parsed.data, files: new Map(Object.entries(entries)), bytes: zip.byteLength };
}

/** Writes the files to `<root>/<appId>/<version>/` atomically (a temporary folder renamed into place). */
export async function storePackage(root: string, appId: string, version: string, pkg: CheckedPackage): Promise<void> {
  const final = path.join(root, appId, version);
  const temp = `${final}.tmp-${process.pid}-${Date.now()}`;
  for (const [name, bytes] of pkg.files) {
    const target = path.join(temp, name);
    if (!target.startsWith(temp + path.sep)) throw new AppError('invalid_package', `Path leaves the package: ${name}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  await rm(final, { recursive: true, force: true });
  await mkdir(path.dirname(final), { recursive: true });
  await rename(temp, final);
}
