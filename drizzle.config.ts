import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './reference-server/db/schema.ts',
  out: './reference-server/db/migrations',
});
