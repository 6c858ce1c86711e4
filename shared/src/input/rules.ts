import { z } from 'zod';
import { inputIssue } from './messages';

/**
 * A page cursor in a query string (`?cursor=`): the id of the last row seen, a whole number the database's bigint and
 * JavaScript's number both hold exactly. Larger numbers (`9223372036854775808`, `1e21`) are refused here instead of
 * failing in the query.
 */
export const CursorSchema = z
  .string()
  .refine((value) => /^\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value)), inputIssue('cursor.range'));

/**
 * A PATCH body must change something: `{}` (or a body that is not JSON at all) is a 400, not an UPDATE with nothing
 * to set.
 *
 * @example export const UpdateThingSchema = nonEmptyPatch(z.object({ title: TitleSchema.optional() }).strict());
 */
export function nonEmptyPatch<S extends z.ZodObject>(schema: S): S {
  return schema.refine(
    (patch: Record<string, unknown>) => Object.values(patch).some((value) => value !== undefined),
    inputIssue('patch.empty'),
  );
}
