import { z } from 'zod';
import { StorageKeySchema, StorageValueSchema } from '../bridge/storage';
import { AppIdSchema } from '../miniapps/miniapps.schemas';

/**
 * Host → platform REST behind bridge `storage.*`, called by the HOST page with the person's own token (the iframe
 * never has it): `/api/bridge/storage/:appId…`. And Me → Mini-program permissions: what each app keeps, cleared there.
 */
export const StorageAppParamsSchema = z.object({ appId: AppIdSchema });
export const StorageKeyQuerySchema = z.object({ key: StorageKeySchema }).strict();
export const StorageKeysQuerySchema = z.object({ after: StorageKeySchema.optional() }).strict();
export const StorageSetSchema = z.object({ key: StorageKeySchema, value: StorageValueSchema }).strict();
export type StorageSet = z.infer<typeof StorageSetSchema>;
export const StorageValueResponseSchema = z.object({ value: StorageValueSchema.nullable() });

/** One app's data for one person, as Me → Mini-program permissions lists and exports it. */
export const StoredAppDataSchema = z.object({
  appId: AppIdSchema,
  appName: z.string(),
  /** Every key, in code-point order (≤ 1,024). */
  keys: z.array(z.string()),
  /** UTF-8 bytes of the values. */
  bytes: z.int().nonnegative(),
});
export type StoredAppData = z.infer<typeof StoredAppDataSchema>;
export const StoredAppDataListSchema = z.object({ apps: z.array(StoredAppDataSchema) });
