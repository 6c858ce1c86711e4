import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Writes a drizzle-kit style migrations folder (`meta/_journal.json` + one .sql file per migration, statements split
 * by `--> statement-breakpoint`) for tests of the app-database kit; answers its path.
 */
export async function writeAppMigrations(migrations: string[][], dir?: string): Promise<string> {
  const folder = dir ?? (await mkdtemp(path.join(tmpdir(), 'app-migrations-')));
  await mkdir(path.join(folder, 'meta'), { recursive: true });
  const entries = migrations.map((_, idx) => ({
    idx,
    version: '7',
    when: 1_700_000_000_000 + idx * 1000,
    tag: `${String(idx).padStart(4, '0')}_m${idx}`,
    breakpoints: true,
  }));
  for (const [idx, statements] of migrations.entries())
    await writeFile(path.join(folder, `${entries[idx]!.tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
  await writeFile(
    path.join(folder, 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'postgresql', entries }),
  );
  return folder;
}
