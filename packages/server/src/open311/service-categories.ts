import type { AppContext } from '../context.ts';
import type { CategoryForService } from './domain/services.ts';

/**
 * Request categories open to residents (and not retired): the GeoReport services. A small read
 * of the cases module's case_category table, with the parent's names for `group`.
 */
export async function residentCategories(ctx: AppContext, code?: string): Promise<CategoryForService[]> {
  let q = ctx.db
    .selectFrom('case_category as c')
    .leftJoin('case_category as p', 'p.code', 'c.parent_code')
    .select([
      'c.code',
      'c.name_zh',
      'c.name_en',
      'c.attributes',
      'c.time_limits',
      'p.name_zh as parent_name_zh',
      'p.name_en as parent_name_en',
    ])
    .where('c.kind', '=', 'request')
    .where('c.open_to_residents', '=', true)
    // a group (no parent) is not reportable: intake answers 422, so residents are not offered it
    .where('c.parent_code', 'is not', null)
    .where('c.retired_at', 'is', null)
    .orderBy('p.sort_order')
    .orderBy('c.sort_order')
    .orderBy('c.code');
  if (code !== undefined) q = q.where('c.code', '=', code);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, attributes: r.attributes ?? [], time_limits: r.time_limits ?? {} }));
}

/** The jurisdictions this endpoint serves: the city-level regions' codes. */
export async function jurisdictions(ctx: AppContext): Promise<{ code: string; name: string }[]> {
  return ctx.db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('level', '=', 'city')
    .where('retired_at', 'is', null)
    .orderBy('code')
    .execute();
}
