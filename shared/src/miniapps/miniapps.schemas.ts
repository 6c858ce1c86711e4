import { z } from 'zod';
import { nonEmptyPatch } from '../input/rules';
import { exactText, httpUrl, userText } from '../input/text';
import type { Locale } from '../users/users.schemas';
import { AppIdSchema } from './app-id';

export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024;
export const MAX_PACKAGE_FILES = 500;
/** Unpacked, a package may not grow beyond this (zip bombs), counted in bytes really inflated, not as declared. */
export const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** Unpacked, one file of a package may not grow beyond this. */
export const MAX_UNPACKED_FILE_BYTES = 5 * 1024 * 1024;
/** Rollback reaches this many of the most recent released versions. */
export const ROLLBACK_DEPTH = 5;

// Its own module so that @app/shared/openapi can name it without the registry's schemas.
export { AppIdSchema };

export const MiniAppCategorySchema = z.enum(['health', 'transport', 'food', 'shopping', 'tools', 'games', 'other']);

export const ScopeSchema = z.enum(['profile', 'payment.debit', 'location', 'camera']);
export type Scope = z.infer<typeof ScopeSchema>;

export const CreateAppSchema = z
  .object({
    name: userText({ min: 1, max: 30, tooShort: 'Name is required' }),
    iconUrl: httpUrl(500).optional(),
    category: MiniAppCategorySchema,
    description: userText({ max: 500, multiline: true }).default(''),
  })
  .strict();
export type CreateApp = z.infer<typeof CreateAppSchema>;

/** An API domain the app's pages may call: an origin without a path. */
export const ApiDomainSchema = z
  .string()
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'An API domain is an origin like https://api.example.com');

/**
 * Settings the developer keeps outside the package and the page reads at launch (`context.config`), e.g. the origin
 * of the app's backend: one package then runs against any deployment. Public: never put a secret here.
 */
export const LaunchConfigSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'A config key is a letter then letters, digits or _'),
    userText({ max: 1024 }),
  )
  .refine((c) => Object.keys(c).length <= 32, 'At most 32 config entries');
export type LaunchConfig = z.infer<typeof LaunchConfigSchema>;

export const UpdateAppSchema = nonEmptyPatch(
  z
    .object({
      webhookUrl: httpUrl(500).nullable().optional(),
      domains: z.array(ApiDomainSchema).max(20).optional(),
      launchConfig: LaunchConfigSchema.optional(),
    })
    .strict(),
);
export type UpdateApp = z.infer<typeof UpdateAppSchema>;

export const VersionStatusSchema = z.enum(['draft', 'in_review', 'approved', 'rejected', 'released']);
export type VersionStatus = z.infer<typeof VersionStatusSchema>;

/** Text a person reads in the host, in each UI language: English is required and is the fallback. */
const localizedText = (max: number, multiline = false) =>
  z.strictObject({
    en: userText({ min: 1, max, multiline }),
    'zh-CN': userText({ min: 1, max, multiline }).optional(),
  });
export type LocalizedText = z.infer<ReturnType<typeof localizedText>>;

/** The text for `locale`, else English. */
export function localized(text: LocalizedText, locale: Locale | string): string {
  return (locale === 'zh-CN' ? text['zh-CN'] : undefined) ?? text.en;
}

export const MAX_SUBSCRIBE_TEMPLATES = 20;
export const SubscribeTemplateIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'A template id is 1–64 letters, digits or _ . : -');

/**
 * A service message the app may ask to send (`subscribe.request`), declared in the manifest and reviewed with the
 * package: the host's subscribe dialog shows its title and text, never just the id.
 */
export const SubscribeTemplateSchema = z.strictObject({
  id: SubscribeTemplateIdSchema,
  title: localizedText(40),
  text: localizedText(200, true),
});
export type SubscribeTemplate = z.infer<typeof SubscribeTemplateSchema>;

/** `miniapp.json` at the root of a code package. */
export const ManifestSchema = z
  .object({
    name: userText({ min: 1, max: 30 }),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is MAJOR.MINOR.PATCH, like 1.0.0'),
    entry: z
      .string()
      .regex(/^[A-Za-z0-9._\-/]+\.html$/, 'entry is the path of an .html file in the package')
      .default('index.html'),
    scopes: z.array(ScopeSchema).max(10).default([]),
    subscribeTemplates: z
      .array(SubscribeTemplateSchema)
      .max(MAX_SUBSCRIBE_TEMPLATES)
      .refine((list) => new Set(list.map((t) => t.id)).size === list.length, 'Template ids must be unique')
      .default([]),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

export const MiniAppSchema = z.object({
  appId: AppIdSchema,
  name: z.string(),
  iconUrl: z.string().nullable(),
  category: MiniAppCategorySchema,
  description: z.string(),
  status: z.enum(['active', 'suspended']),
});
export type MiniApp = z.infer<typeof MiniAppSchema>;

export const DevAppSchema = MiniAppSchema.extend({
  webhookUrl: z.string().nullable(),
  domains: z.array(z.string()),
  launchConfig: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime(),
});
export type DevApp = z.infer<typeof DevAppSchema>;

export const VersionSchema = z.object({
  appId: AppIdSchema,
  version: z.string(),
  status: VersionStatusSchema,
  manifest: ManifestSchema,
  bytes: z.number().int(),
  files: z.number().int(),
  /** For released versions: the share of users who get it (the newest release with a share takes its bucket). */
  releasePercent: z.number().int().min(0).max(100),
  reviewNote: z.string().nullable(),
  createdAt: z.iso.datetime(),
  releasedAt: z.iso.datetime().nullable(),
});
export type Version = z.infer<typeof VersionSchema>;

export const CreatedAppSchema = z.object({ app: DevAppSchema, appSecret: z.string() });
export const VersionParamsSchema = z.object({ appId: AppIdSchema, version: z.string().regex(/^\d+\.\d+\.\d+$/) });
export const AppParamsSchema = z.object({ appId: AppIdSchema });
export const ReleaseSchema = z.object({ percent: z.number().int().min(1).max(100) }).strict();
export const RollbackSchema = z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/) }).strict();
export const ReviewDecisionSchema = z.object({ reason: userText({ max: 500, multiline: true }).optional() }).strict();

/** A page inside a mini-program: `/path` with an optional `?query`; never a URL or protocol-relative `//`. */
export const AppPagePathSchema = exactText({ max: 512 }).regex(
  /^\/(?!\/)[^\s\\#]*$/,
  'Expected a path starting with "/"',
);

/**
 * `GET /api/miniapps/:appId/launch?path=/menu?table=12`: the page's query becomes the launch URL's query (the SDK's
 * `context.launchQuery`), its path the URL fragment (`#/menu`), so single-page apps route on the hash.
 */
export const LaunchRequestSchema = z.object({
  path: AppPagePathSchema.optional(),
  /**
   * `preview=1`: the app's developer or an admin opens an unreleased version (in review or approved) through a
   * short-lived preview link; `version` picks one, else the newest. Anyone else gets `not_found`.
   */
  preview: z.literal('1').optional(),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .optional(),
});
/** `GET /api/miniapps?q=`: the directory, filtered by name or description. */
export const DirectoryQuerySchema = z.object({ q: userText({ max: 50 }).optional() });

/**
 * What the host needs to open an app: the URL for the iframe, the app's origin (the bridge checks it), the version,
 * the app's card (title bar, cashier, about) and the scopes its manifest declares (a method needing an undeclared
 * scope fails with `scope_denied` without asking the person).
 */
export const LaunchSchema = z.object({
  url: z.url(),
  origin: z.string(),
  version: z.string(),
  app: MiniAppSchema,
  scopes: z.array(ScopeSchema),
  /** The app's launch config (its developer's public settings), handed to the page as `context.config`. */
  config: z.record(z.string(), z.string()),
  /** The service-message templates the version declares: `subscribe.request` may ask only for these. */
  subscribeTemplates: z.array(SubscribeTemplateSchema).default([]),
  /** A preview of an unreleased version (developer or reviewer): the host marks it so. */
  preview: z.boolean().default(false),
});
export type Launch = z.infer<typeof LaunchSchema>;
