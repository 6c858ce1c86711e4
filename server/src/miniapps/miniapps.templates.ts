import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../schema';

/**
 * Which of `ids` no version of the app declares in its manifest's `subscribeTemplates`, counting versions that were
 * submitted and not rejected (in review, approved, released): a template is reviewed with its package, and an
 * in-review version is opened only by its developer and the reviewers (preview). The subscribe dialog shows the
 * declared title and text; an undeclared id can neither be accepted nor spent.
 */
export async function undeclaredTemplates(db: Db | Tx, appId: string, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const result = (await db.execute(sql`
    select distinct t.value->>'id' as id
    from miniapp_versions v
    cross join lateral jsonb_array_elements(coalesce(v.manifest->'subscribeTemplates', '[]'::jsonb)) as t(value)
    where v.app_id = ${appId}
      and v.status in ('in_review', 'approved', 'released')
      and t.value->>'id' in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`)) as unknown as { rows: Array<{ id: string }> };
  const declared = new Set(result.rows.map((r) => r.id));
  return ids.filter((id) => !declared.has(id));
}
