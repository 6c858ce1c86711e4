import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const SecretsFileSchema = z.object({ jwtSecret: z.string().min(32) });

/**
 * Returns the JWT secret: the configured one, else the one kept in DATA_DIR/secrets.json, else a new random one
 * written there (mode 0600) so tokens survive restarts of the embedded server.
 */
export async function resolveJwtSecret(dataDir: string, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'secrets.json');
  try {
    return SecretsFileSchema.parse(JSON.parse(await readFile(file, 'utf8'))).jwtSecret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`${file} is unreadable or malformed; fix or remove it (tokens signed with it stop working)`, {
        cause: err,
      });
    }
  }
  const jwtSecret = randomBytes(48).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  // 'wx' fails if another process created the file meanwhile; then read theirs.
  try {
    await writeFile(file, JSON.stringify({ jwtSecret }), { mode: 0o600, flag: 'wx' });
    return jwtSecret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return SecretsFileSchema.parse(JSON.parse(await readFile(file, 'utf8'))).jwtSecret;
  }
}
