import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  MAX_PACKAGE_BYTES,
  MAX_PACKAGE_FILES,
  MAX_UNPACKED_BYTES,
  MAX_UNPACKED_FILE_BYTES,
  ManifestSchema,
  type Manifest,
} from '@app/shared';
import { Unzip, UnzipInflate } from 'fflate';
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

const MB = 1024 * 1024;
/** Compressed bytes fed to the inflater at a time: one push can inflate to at most ~1,000× this (deflate's limit). */
const FEED_BYTES = 4 * 1024;

/**
 * Inflates every entry of `zip`, counting the bytes really produced — what an entry *declares* (its headers' sizes)
 * is never trusted: a 60 MB entry declaring 100 bytes is stopped at the per-file limit, having inflated no more than
 * that. Stops at the first limit passed: files, a file's size, the total.
 */
function unpack(zip: Uint8Array, problems: Record<string, string>): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let count = 0;
  let total = 0;
  let stopped = false;
  const unzip = new Unzip((file) => {
    if (stopped || file.name.endsWith('/')) return; // directories; anything after a limit is not read
    count += 1;
    if (count > MAX_PACKAGE_FILES) {
      problems.package = `At most ${MAX_PACKAGE_FILES} files`;
      stopped = true;
      return;
    }
    if (!safePath(file.name)) {
      problems[file.name] = 'Path leaves the package';
      return;
    }
    if (files.has(file.name)) {
      problems[file.name] = 'The zip holds this file twice';
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      problems[file.name] = 'Compressed with an unsupported method (use deflate)';
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (err) {
        problems[file.name] = 'Its data is damaged';
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > MAX_UNPACKED_FILE_BYTES) {
        problems[file.name] =
          `Unpacked, a file is at most ${MAX_UNPACKED_FILE_BYTES / MB} MB` +
          (file.originalSize !== undefined ? ` (this one says ${file.originalSize} bytes, and is larger)` : '');
      } else if (total > MAX_UNPACKED_BYTES) {
        problems.package = `Unpacked, a package is at most ${MAX_UNPACKED_BYTES / MB} MB`;
      } else {
        chunks.push(chunk);
        if (final) files.set(file.name, concat(chunks, size));
        return;
      }
      stopped = true;
      file.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < zip.length && !stopped; at += FEED_BYTES) {
      unzip.push(zip.subarray(at, at + FEED_BYTES), at + FEED_BYTES >= zip.length);
    }
  } catch {
    problems.package = 'Not a readable zip file';
  }
  if (count === 0 && !problems.package) problems.package = 'Not a readable zip file';
  return files;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Validates a code package (a zip of static files with `miniapp.json` at its root) while unpacking it in memory:
 * size ≤ 2 MB, ≤ 500 files, each file ≤ 5 MB and all ≤ 20 MB as really inflated (no zip bombs, whatever the zip
 * declares), every path inside the package, the manifest valid, and its entry file present.
 */
export function checkPackage(zip: Uint8Array): CheckedPackage {
  if (zip.byteLength > MAX_PACKAGE_BYTES) refuse({ package: `Packages are at most ${MAX_PACKAGE_BYTES / MB} MB` });
  const problems: Record<string, string> = {};
  const files = unpack(zip, problems);
  if (Object.keys(problems).length) refuse(problems);
  const entries = Object.fromEntries(files);

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
  return { manifest: parsed.data, files, bytes: zip.byteLength };
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
