import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/scafaa455c.tables.ts',
  out: './server/drizzle',
});
