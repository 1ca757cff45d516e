import { type SelectQueryBuilder, sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { countCapped } from '../../db/count-capped.ts';
import type { DB } from '../../db/schema.ts';
import { badRequest } from '../../http/problem.ts';
import type { Actor, Role } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { CLOSED_STATES } from '../domain/state-machine.ts';
import { caseScopeOf, isEmptyScope, visibleTo } from '../policy.ts';
import { normaliseCase } from '../workflow/case-history.ts';
import { caseSummary } from './case-detail.ts';
import { placeNames } from './case-place-names.ts';

export interface CaseSearch {
  kind?: string;
  category?: string;
  status?: string;
  region?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  key?: boolean;
  q?: string;
  cursor?: string;
  limit?: number;
}

type CasesQuery = SelectQueryBuilder<DB, 'cases', object>;

interface Cursor {
  at: string;
  id: number;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString()) as Cursor;
    if (typeof c.at === 'string' && Number.isInteger(c.id) && !Number.isNaN(Date.parse(c.at))) return c;
  } catch {
    // fall through
  }
  throw badRequest('query.cursor', 'is not a cursor this server gave');
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

async function filtered(ctx: AppContext, actor: Actor, f: CaseSearch): Promise<CasesQuery | null> {
  const scope = caseScopeOf(actor, ctx.services.caseKinds);
  if (isEmptyScope(scope)) return null;
  let q: CasesQuery = ctx.db.selectFrom('cases').where((eb) => visibleTo(eb, scope));
  if (f.kind) q = q.where('kind', '=', f.kind as never);
  if (f.category) {
    const code = f.category;
    q = q.where('category_code', 'in', (eb) =>
      eb
        .selectFrom('case_category')
        .select('code')
        .where((w) => w.or([w('code', '=', code), w('parent_code', '=', code)])),
    );
  }
  if (f.status) {
    const wanted = f.status.split(',').flatMap((s) => (s === 'closed' ? [...CLOSED_STATES] : [s.trim()]));
    if (f.status === 'open') q = q.where('closed_at', 'is', null);
    else q = q.where('status', 'in', wanted);
  }
  if (f.region) {
    const region = await ctx.db
      .selectFrom('region')
      .select('path')
      .where('code', '=', f.region)
      .executeTakeFirst();
    if (!region) return null;
    q = q.where('region_path', 'like', `${region.path}%`);
  }
  if (f.from) q = q.where('reported_at', '>=', new Date(f.from));
  if (f.to) q = q.where('reported_at', '<', new Date(f.to));
  if (f.overdue !== undefined)
    q = f.overdue
      ? q.where((eb) =>
          eb.or([
            eb('card', '=', 'red'),
            eb.and([eb('closed_at', 'is', null), eb('due_at', '<', serverNow(ctx))]),
          ]),
        )
      : q
          .where('card', '!=', 'red')
          .where((eb) => eb.or([eb('due_at', 'is', null), eb('due_at', '>=', serverNow(ctx))]));
  if (f.key !== undefined) q = q.where('is_key', '=', f.key);
  if (f.q?.trim()) {
    const text = `%${escapeLike(f.q.trim())}%`;
    q = q.where((eb) =>
      eb.or([
        eb('number', '=', f.q?.trim() ?? ''),
        eb('title', 'ilike', text),
        eb('description', 'ilike', text),
      ]),
    );
  }
  return q;
}

/** Every case in the actor's scope matching the filters, newest first, cursor-paged, with the total. */
export async function searchCases(ctx: AppContext, actor: Actor, f: CaseSearch) {
  const limit = Math.min(Math.max(f.limit ?? 20, 1), 100);
  const base = await filtered(ctx, actor, f);
  if (!base) return { items: [], total: 0, totalCapped: false, nextCursor: null };
  const counted = await countCapped(ctx.db, base);
  let page = base.selectAll();
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    page = page.where((eb) =>
      eb.or([
        eb('reported_at', '<', new Date(c.at)),
        eb.and([eb('reported_at', '=', new Date(c.at)), eb('id', '<', c.id)]),
      ]),
    );
  }
  const rows = (
    await page
      .orderBy('reported_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute()
  ).map(normaliseCase);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const names = await placeNames(ctx, items);
  const now = serverNow(ctx);
  return {
    items: items.map((r) => caseSummary(r, now, names)),
    ...counted,
    nextCursor:
      more && last ? encodeCursor({ at: new Date(last.reported_at).toISOString(), id: last.id }) : null,
  };
}

/** Roles whose unit's work shows in their inbox (grid workers see their grids' cases to verify). */
const WORKING_ROLES: readonly Role[] = ['centre_operator', 'department_handler', 'mediator', 'inspector'];

export const INBOX_STEPS = [
  'to_accept',
  'to_dispatch',
  'to_handle',
  'to_verify',
  'summoned',
  'supervised',
  'overdue',
  'copied',
] as const;
export type InboxStep = (typeof INBOX_STEPS)[number];

/**
 * The actor's work: cases waiting for their units (or their grids, to verify), by step, with
 * counts per step; overdue first, then by due time.
 */
export async function inbox(ctx: AppContext, actor: Actor, step?: InboxStep, limit = 50) {
  const working = actor.posts.filter((p) => WORKING_ROLES.includes(p.role) && p.unitId !== null);
  const units = working.length ? [...new Set(working.map((p) => p.unitId as number))] : [-1];
  const grids = actor.posts.flatMap((p) =>
    p.role === 'grid_worker' || p.role === 'grid_head' ? p.gridCodes : [],
  );
  const now = serverNow(ctx);
  const open = ctx.db.selectFrom('cases').where('closed_at', 'is', null);
  const conditions: Record<InboxStep, CasesQuery> = {
    to_accept: open.where('status', '=', 'reported').where('current_unit_id', 'in', units),
    to_dispatch: open.where('status', '=', 'accepted').where('current_unit_id', 'in', units),
    to_handle: open.where('status', 'in', ['dispatched', 'handling']).where('current_unit_id', 'in', units),
    to_verify: open
      .where('status', '=', 'resolved')
      .where((eb) =>
        eb.or([eb('centre_unit_id', 'in', units), ...(grids.length ? [eb('grid_code', 'in', grids)] : [])]),
      ),
    summoned: open.where('id', 'in', (eb) =>
      eb
        .selectFrom('case_summons')
        .select('case_id')
        .where('unit_id', 'in', units)
        .where('done_at', 'is', null),
    ),
    supervised: open.where('id', 'in', (eb) =>
      eb
        .selectFrom('case_supervision')
        .select('case_id')
        .where('target_unit_id', 'in', units)
        .where('replied_at', 'is', null),
    ),
    overdue: open.where('current_unit_id', 'in', units).where('due_at', '<', now),
    // 抄告: open cases copied to the units for their information (not their work to do)
    copied: open.where('id', 'in', (eb) =>
      eb.selectFrom('case_copy').select('case_id').where('unit_id', 'in', units),
    ),
  };
  // one statement for the counts (a scalar subquery per step) and one for the lists (union all)
  const countRow = (await ctx.db
    .selectNoFrom(() =>
      INBOX_STEPS.map((s) => conditions[s].select((eb) => eb.fn.countAll<number>().as('n')).as(s)),
    )
    .executeTakeFirstOrThrow()) as Record<InboxStep, number | string | null>;
  const counts = Object.fromEntries(INBOX_STEPS.map((s) => [s, Number(countRow[s] ?? 0)])) as Record<
    InboxStep,
    number
  >;
  const chosen = step ? [step] : INBOX_STEPS.filter((s) => s !== 'overdue' && s !== 'copied');
  const lists = chosen.map(
    (s) =>
      sql`${conditions[s]
        .selectAll()
        .select(sql.lit(s).as('inbox_step'))
        .orderBy(sql`case when due_at < ${now} then 0 else 1 end`)
        .orderBy('due_at', 'asc')
        .limit(limit)}`,
  );
  const listed = await sql<Parameters<typeof normaliseCase>[0] & { inbox_step: InboxStep }>`${sql.join(
    lists,
    sql` union all `,
  )}`.execute(ctx.db);
  const byId = new Map<number, { row: ReturnType<typeof normaliseCase>; steps: InboxStep[] }>();
  for (const { inbox_step, ...raw } of listed.rows) {
    const r = normaliseCase(raw);
    const entry = byId.get(r.id) ?? { row: r, steps: [] };
    entry.steps.push(inbox_step);
    entry.steps.sort((a, b) => INBOX_STEPS.indexOf(a) - INBOX_STEPS.indexOf(b));
    byId.set(r.id, entry);
  }
  const names = await placeNames(
    ctx,
    [...byId.values()].map((e) => e.row),
  );
  const items = [...byId.values()]
    .map(({ row, steps }) => ({ ...caseSummary(row, now, names), steps }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'))
    .slice(0, limit);
  return { counts, items };
}
