import { z } from 'zod';
import { nonEmptyPatch } from '../input/rules';
import { httpUrl, userText } from '../input/text';

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

export const DisplayNameSchema = userText({
  min: 1,
  max: 40,
  tooShort: 'Display name is required',
  tooLong: 'Display name is at most 40 characters',
});

export const UpdateMeSchema = nonEmptyPatch(
  z
    .object({
      displayName: DisplayNameSchema.optional(),
      avatarUrl: httpUrl(500).nullable().optional(),
      locale: LocaleSchema.optional(),
    })
    .strict(),
);
export type UpdateMe = z.infer<typeof UpdateMeSchema>;

export const UserSearchQuerySchema = z.object({
  q: userText({ min: 1, max: 40, tooShort: 'Search text is required' }),
});
export type UserSearchQuery = z.infer<typeof UserSearchQuerySchema>;

export const UserSearchResultSchema = z.object({ users: z.array(PublicUserSchema) });
export type UserSearchResult = z.infer<typeof UserSearchResultSchema>;
