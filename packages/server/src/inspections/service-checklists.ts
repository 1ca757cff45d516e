import type { Selectable } from 'kysely';
import type { AppContext } from '../context.ts';
import { notFound, Problem } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can } from '../identity/index.ts';
import { type ChecklistItem, itemProblems } from './domain/checklist.ts';
import { SEED_CHECKLISTS } from './domain/checklist-catalog.ts';
import type { ChecklistType } from './domain/places.ts';
import { staff } from './scope.ts';
import type { ChecklistTemplateTable } from './tables.ts';

const view = (r: Selectable<ChecklistTemplateTable>) => ({
  id: Number(r.id),
  placeType: r.place_type,
  version: r.version,
  title: r.title,
  items: r.items,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The newest version of every place type's checklist (or every version of one type). */
export async function listChecklists(ctx: AppContext, actor: Actor, placeType?: string) {
  staff(actor);
  let q = ctx.db.selectFrom('checklist_template').selectAll();
  if (placeType) q = q.where('place_type', '=', placeType);
  else
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('checklist_template as t')
        .select((e) => e.fn.max('t.id').as('id'))
        .groupBy('t.place_type'),
    );
  const rows = await q.orderBy('place_type').orderBy('version', 'desc').execute();
  return { items: rows.map(view) };
}

export async function getChecklist(ctx: AppContext, actor: Actor, id: number) {
  staff(actor);
  const row = await ctx.db
    .selectFrom('checklist_template')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`checklist ${id}`);
  return view(row);
}

/** The newest version of a place type's checklist, or undefined when it has none. */
export async function currentChecklist(ctx: AppContext, placeType: string) {
  const row = await ctx.db
    .selectFrom('checklist_template')
    .selectAll()
    .where('place_type', '=', placeType)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && view(row);
}

/** Editing a checklist saves a new version; inspections already made keep the version they used. */
export async function saveChecklist(
  ctx: AppContext,
  actor: Actor,
  input: { placeType: ChecklistType; title: string; items: ChecklistItem[] },
) {
  if (!can(actor, 'checklist.manage', { regionPath: null })) {
    staff(actor);
    throw new Problem(403, 'Forbidden', 'only a city administrator edits checklists');
  }
  const problems = itemProblems(input.items);
  if (problems.length)
    throw new Problem(
      422,
      'Unprocessable Content',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  const row = await ctx.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('checklist_template')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('place_type', '=', input.placeType)
      .executeTakeFirst();
    return trx
      .insertInto('checklist_template')
      .values({
        place_type: input.placeType,
        version: Number(last?.v ?? 0) + 1,
        title: input.title,
        items: JSON.stringify(input.items),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return view(row);
}

/** The demo's first versions (small venue, rental housing, construction site). */
export async function seedChecklists(ctx: AppContext) {
  for (const c of SEED_CHECKLISTS) {
    const exists = await ctx.db
      .selectFrom('checklist_template')
      .select('id')
      .where('place_type', '=', c.type)
      .executeTakeFirst();
    if (exists) continue;
    await ctx.db
      .insertInto('checklist_template')
      .values({
        place_type: c.type,
        version: 1,
        title: c.title,
        items: JSON.stringify(c.items),
        created_by: null,
      })
      .execute();
  }
}
