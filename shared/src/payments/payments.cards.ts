import { z } from 'zod';
import { exactText, httpUrl, userText } from '../input/text';
import { AppIdSchema } from '../miniapps/app-id';

/** Chat bodies that come from mini-programs: shared pages (cards) and service notifications. */

/** A shared mini-program page (bridge `share.toChat`), sent by the host as `message:send` kind `miniapp_card`. */
export const MiniAppCardInputSchema = z
  .object({
    appId: AppIdSchema,
    title: userText({ min: 1, max: 64 }),
    path: exactText({ max: 512 }).regex(/^\/(?!\/)[^\s\\]*$/, 'Expected a path starting with "/"'),
    imageUrl: httpUrl(2048).optional(),
  })
  .strict();
export type MiniAppCardInput = z.infer<typeof MiniAppCardInputSchema>;
/** The stored card: the server adds the app's name and icon from the registry. */
export const MiniAppCardBodySchema = MiniAppCardInputSchema.extend({
  appName: z.string(),
  appIconUrl: z.string().nullable(),
});
export type MiniAppCardBody = z.infer<typeof MiniAppCardBodySchema>;

/** A service notification (kind `service`) in the person's "Service notifications" conversation. */
export const ServiceBodySchema = z.object({
  appId: AppIdSchema,
  appName: z.string(),
  templateId: z.string(),
  data: z.record(z.string(), z.string()),
  page: z.string().nullable(),
});
export type ServiceBody = z.infer<typeof ServiceBodySchema>;
