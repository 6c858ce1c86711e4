import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const VERSION = 'v1';

/**
 * Seals short secrets at rest with AES-256-GCM (ADR 0004). The associated data binds a sealed value to what it
 * belongs to (an appId), so a sealed secret copied to another row does not open.
 */
export class Sealer {
  private readonly key: Buffer;

  /** Any string of ≥ 32 characters; the AES key is its SHA-256, so a passphrase or base64 key both work. */
  constructor(keyMaterial: string) {
    if (keyMaterial.length < 32) throw new Error('The sealing key must be at least 32 characters');
    this.key = createHash('sha256').update(`superapp-seal:${keyMaterial}`).digest();
  }

  /**
   * A key for another purpose (e.g. the HMAC of mini-program preview links), derived from the same key material with
   * HKDF-SHA256 and the purpose as its info: independent of the AES key and of every other purpose's key.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `superapp:${purpose}`, 32));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The plaintext, or undefined when the value was sealed with another key or context, or is malformed. */
  open(sealed: string, context: string): string | undefined {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

/**
 * The sealing key: SECRETS_KEY when set (several nodes must share it), else DATA_DIR/sealing-key (mode 0600),
 * generated on first start like the JWT secret. Losing it only breaks webhook signing until apps rotate their secret.
 */
export async function resolveSealingKey(dataDir: string, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'sealing-key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readFile(file, 'utf8')).trim();
  }
}
