import { z } from 'zod';

export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const RoleSchema = z.enum(['user', 'staff', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** What anyone may see of another person. */
export const PublicUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});
export type PublicUser = z.infer<typeof PublicUserSchema>;

/** What a person sees of themselves. */
export const MeSchema = PublicUserSchema.extend({
  locale: LocaleSchema.nullable(),
  role: RoleSchema,
  createdAt: z.iso.datetime(),
});
export type Me = z.infer<typeof MeSchema>;

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, 'Display name is required')
  .max(40, 'Display name is at most 40 characters');

export const UpdateMeSchema = z
  .object({
    displayName: DisplayNameSchema.optional(),
    avatarUrl: z
      .url({ protocol: /^https?$/, message: 'Avatar must be an http(s) URL' })
      .max(500)
      .nullable()
      .optional(),
    locale: LocaleSchema.optional(),
  })
  .strict();
export type UpdateMe = z.infer<typeof UpdateMeSchema>;

export const UserSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'Search text is required').max(40),
});
export type UserSearchQuery = z.infer<typeof UserSearchQuerySchema>;

export const UserSearchResultSchema = z.object({ users: z.array(PublicUserSchema) });
export type UserSearchResult = z.infer<typeof UserSearchResultSchema>;
