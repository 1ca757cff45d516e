import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { forbidden, notFound, Problem, unauthorized } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { can, DEPARTMENT_TYPE_CODES } from '../../identity/index.ts';
import { attributeDefinitionProblems } from '../domain/attributes.ts';
import { demoCategoryCatalog } from '../domain/category-catalog.ts';
import { type TimeLimits, timeLimitsProblems } from '../domain/deadlines.ts';
import { forgetCategories } from '../intake/intake-lookups.ts';
import type { AttributeDef, CaseCategoryTable } from '../tables.ts';

export interface CategoryChanges {
  nameZh?: string;
  nameEn?: string;
  responsibleUnitType?: string;
  timeLimits?: TimeLimits;
  duplicateRadiusM?: number;
  duplicateWindowHours?: number;
  attributes?: AttributeDef[];
  openToResidents?: boolean;
  sortOrder?: number;
  retired?: boolean;
}

export function toCategory(r: Selectable<CaseCategoryTable>) {
  return {
    code: r.code,
    kind: r.kind,
    parentCode: r.parent_code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    responsibleUnitType: r.responsible_unit_type,
    timeLimits: r.time_limits,
    duplicateRadiusM: r.duplicate_radius_m,
    duplicateWindowHours: r.duplicate_window_hours,
    attributes: r.attributes,
    openToResidents: r.open_to_residents,
    sortOrder: r.sort_order,
    retired: r.retired_at !== null,
  };
}
export type Category = ReturnType<typeof toCategory>;

export async function listCategories(ctx: AppContext, filter: { kind?: string; includeRetired?: boolean }) {
  let q = ctx.db.selectFrom('case_category').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind as never);
  if (!filter.includeRetired) q = q.where('retired_at', 'is', null);
  return (await q.orderBy('sort_order').orderBy('code').execute()).map(toCategory);
}

export async function getCategory(ctx: AppContext, code: string): Promise<Category> {
  const row = await ctx.db
    .selectFrom('case_category')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound('category');
  return toCategory(row);
}

function changeProblems(c: CategoryChanges) {
  const problems: { field: string; message: string }[] = [];
  if (
    c.responsibleUnitType !== undefined &&
    c.responsibleUnitType !== 'centre' &&
    !DEPARTMENT_TYPE_CODES.includes(c.responsibleUnitType)
  )
    problems.push({
      field: 'body.responsibleUnitType',
      message: `must be 'centre' or one of: ${DEPARTMENT_TYPE_CODES.join(', ')}`,
    });
  if (c.timeLimits)
    problems.push(
      ...timeLimitsProblems(c.timeLimits).map((p) => ({ ...p, field: `body.timeLimits.${p.field}` })),
    );
  if (c.attributes) problems.push(...attributeDefinitionProblems(c.attributes));
  return problems;
}

/** An administrator edits a category (validated as a whole; one transaction, audited). */
export async function updateCategory(
  ctx: AppContext,
  actor: Actor,
  code: string,
  c: CategoryChanges,
): Promise<Category> {
  if (actor.kind !== 'staff') throw unauthorized();
  // categories (time limits, routing, what residents see) shift every district's work
  if (!can(actor, 'category.manage'))
    throw forbidden('only a city administrator edits categories: they apply to every district');
  const problems = changeProblems(c);
  if (problems.length)
    throw new Problem(
      422,
      'Unprocessable Content',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('case_category')
      .selectAll()
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('category');
    const row = await trx
      .updateTable('case_category')
      .set({
        ...(c.nameZh !== undefined ? { name_zh: c.nameZh } : {}),
        ...(c.nameEn !== undefined ? { name_en: c.nameEn } : {}),
        ...(c.responsibleUnitType !== undefined ? { responsible_unit_type: c.responsibleUnitType } : {}),
        ...(c.timeLimits !== undefined ? { time_limits: JSON.stringify(c.timeLimits) } : {}),
        ...(c.duplicateRadiusM !== undefined ? { duplicate_radius_m: c.duplicateRadiusM } : {}),
        ...(c.duplicateWindowHours !== undefined ? { duplicate_window_hours: c.duplicateWindowHours } : {}),
        ...(c.attributes !== undefined ? { attributes: JSON.stringify(c.attributes) } : {}),
        ...(c.openToResidents !== undefined ? { open_to_residents: c.openToResidents } : {}),
        ...(c.sortOrder !== undefined ? { sort_order: c.sortOrder } : {}),
        ...(c.retired !== undefined
          ? { retired_at: c.retired ? (before.retired_at ?? new Date()) : null }
          : {}),
        updated_at: new Date(),
      })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.services.identity.audit.record(trx, {
      actor,
      action: 'category.update',
      objectType: 'case_category',
      objectId: code,
      detail: { ...c },
    });
    return toCategory(row);
  });
  forgetCategories(ctx);
  return updated;
}

/** Seed the demo taxonomy (idempotent: existing codes are left as an administrator may have edited them). */
export async function seedCategories(ctx: AppContext): Promise<void> {
  await insertDemoCategories(ctx.db);
}

/** The demo taxonomy into any database (the generator uses it where no categories exist). */
export async function insertDemoCategories(db: Db): Promise<void> {
  const rows = demoCategoryCatalog().map((c) => ({
    ...c,
    time_limits: JSON.stringify(c.time_limits),
    attributes: JSON.stringify(c.attributes),
  }));
  await db
    .insertInto('case_category')
    .values(rows)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
