import { z } from 'zod';

export const HealthSchema = z.object({
  ok: z.literal(true),
  db: z.enum(['pglite', 'postgres']),
  redis: z.boolean(),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
