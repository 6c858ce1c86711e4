import argon2 from 'argon2';

/** argon2id with the library's defaults (memory 64 MiB, 3 passes) — OWASP-compliant. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash so that "no such user" costs as long as "wrong password" and login timing
 * does not reveal which usernames exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password');
  await argon2.verify(await dummyHash, password);
}
