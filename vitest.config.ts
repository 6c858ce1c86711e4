import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'client/src/**/*.test.{ts,tsx}',
            'miniapps/**/src/**/*.test.ts',
            'test/types/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file starts its own server; two cores run two files at a time without starving the database.
          maxWorkers: 2,
          // Unit tests first, then integration (projects with their own worker limits need their own group).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
