import { z } from 'zod';
import { CursorSchema } from '../input/rules';
import { userText } from '../input/text';
import { MiniAppSchema } from '../miniapps/miniapps.schemas';

/** `POST /api/admin/apps/:appId/suspend`: why (kept in the audit log). */
export const SuspendAppSchema = z
  .object({ reason: userText({ min: 1, max: 500, multiline: true, tooShort: 'Say why the app is suspended' }) })
  .strict();
export type SuspendApp = z.infer<typeof SuspendAppSchema>;

/** An app as admins see it (`GET /api/admin/apps`): every status, with its owner and creation time. */
export const AdminAppSchema = MiniAppSchema.extend({
  ownerId: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type AdminApp = z.infer<typeof AdminAppSchema>;
export const AdminAppListSchema = z.object({ apps: z.array(AdminAppSchema) });
/** `POST /api/admin/apps/:appId/{suspend,resume}` answers the app as it is now. */
export const AdminAppResultSchema = z.object({ app: AdminAppSchema });

export const AUDIT_ACTIONS = ['version.approve', 'version.reject', 'app.suspend', 'app.resume'] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;
export const AUDIT_TARGET_TYPES = ['app', 'version'] as const;
export const AuditTargetTypeSchema = z.enum(AUDIT_TARGET_TYPES);
export type AuditTargetType = z.infer<typeof AuditTargetTypeSchema>;

/** One admin action (DESIGN §8). A version target reads `<appId>@<version>`. */
export const AuditEntrySchema = z.object({
  id: z.string(),
  adminId: z.uuid(),
  adminName: z.string(),
  action: AuditActionSchema,
  targetType: AuditTargetTypeSchema,
  targetId: z.string(),
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `GET /api/admin/audit?cursor&limit`: newest first; pass `nextCursor` back for the next page. */
export const AuditQuerySchema = z.object({
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPageSchema>;
