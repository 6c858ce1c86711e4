import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/hello.tables.ts',
  out: './server/drizzle',
});
