import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/users/users.tables.ts', './src/auth/auth.tables.ts'],
  out: './drizzle',
});
