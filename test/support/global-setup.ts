import type { TestProject } from 'vitest/node';
import { createTestDatabase, dropTestDatabase } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh database per run, dropped at the end; every integration file's servers share it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { url, name } = await createTestDatabase('it');
  project.provide('databaseUrl', url);
  return async () => {
    if (!process.env.KEEP_TEST_DB) await dropTestDatabase(name);
  };
}
