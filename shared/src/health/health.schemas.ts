import { z } from 'zod';

/** A mini-program that ships with this platform and runs beside it (`miniapps/<name>/bundle.json`). */
export const BundledAppSchema = z.object({ name: z.string(), appId: z.string(), backendUrl: z.string() });
export type BundledApp = z.infer<typeof BundledAppSchema>;

export const HealthSchema = z.object({
  ok: z.literal(true),
  db: z.enum(['pglite', 'postgres']),
  redis: z.boolean(),
  version: z.string(),
  /** The bundled mini-programs this node started (empty when it runs none). */
  bundled: z.array(BundledAppSchema),
});
export type Health = z.infer<typeof HealthSchema>;
