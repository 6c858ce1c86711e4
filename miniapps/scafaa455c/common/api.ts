import { z } from 'zod';

/** The contract between Scaffolded's page and its backend (not the platform's API). */
export const SessionRequestSchema = z.object({ code: z.string().min(1).max(256) }).strict();
export const SessionResponseSchema = z.object({ token: z.string(), openId: z.string(), expiresAt: z.iso.datetime() });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

/** How many times this person opened the app: kept in the app's own database. */
export const VisitsSchema = z.object({ visits: z.int().nonnegative() });
export type Visits = z.infer<typeof VisitsSchema>;
