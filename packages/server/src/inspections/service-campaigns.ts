import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { forbidden, notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can, scopeOf } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { boardFigures, rebuildBoard, regionFigures } from './board-counters.ts';
import { type BoardFigure, boardRow, type Counts } from './domain/board.ts';
import { isPlaceType } from './domain/places.ts';
import { inScope, regionIn, staff } from './scope.ts';
import { hazardSummary, placeViews } from './service-place-page.ts';
import type { CampaignTable } from './tables.ts';

export interface CampaignInput {
  name: string;
  regionCode: string;
  placeTypes: string[];
  startsOn: string;
  endsOn: string;
  targetCoverage?: number;
  targetFixed?: number;
  templateId?: number | null;
}

const view = (c: Selectable<CampaignTable>) => ({
  id: Number(c.id),
  name: c.name,
  regionCode: c.region_code,
  placeTypes: c.place_types,
  startsOn: c.starts_on,
  endsOn: c.ends_on,
  targetCoverage: c.target_coverage,
  targetFixed: c.target_fixed,
  templateId: c.template_id == null ? null : Number(c.template_id),
});

export async function createCampaign(ctx: AppContext, actor: Actor, input: CampaignInput) {
  staff(actor);
  const region = await regionIn(ctx, actor, 'place.read', input.regionCode, 'body.regionCode');
  if (!can(actor, 'campaign.manage', { regionPath: region.path }))
    throw forbidden('you may not run campaigns here');
  input.placeTypes.forEach((t, i) => {
    if (!isPlaceType(t)) throw unprocessable(`body.placeTypes.${i}`, `unknown place type ${t}`);
  });
  if (input.endsOn < input.startsOn) throw unprocessable('body.endsOn', 'the campaign ends before it starts');
  if (input.templateId != null) {
    const t = await ctx.db
      .selectFrom('checklist_template')
      .select('id')
      .where('id', '=', input.templateId)
      .executeTakeFirst();
    if (!t) throw unprocessable('body.templateId', `no checklist ${input.templateId}`);
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const made = await trx
      .insertInto('campaign')
      .values({
        name: input.name,
        region_code: region.code,
        region_path: region.path,
        place_types: JSON.stringify([...new Set(input.placeTypes)]),
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        target_coverage: input.targetCoverage ?? 1,
        target_fixed: input.targetFixed ?? 1,
        template_id: input.templateId ?? null,
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // its board's counters start from the places already there
    await rebuildBoard(trx, [Number(made.id)]);
    return made;
  });
  return view(row);
}

/** Campaigns over (or inside) the actor's scope. */
export async function listCampaigns(ctx: AppContext, actor: Actor) {
  staff(actor);
  const rows = await ctx.db
    .selectFrom('campaign')
    .selectAll()
    .where((eb) =>
      eb.or([
        inScope(actor, 'place.read', 'campaign.region_path'),
        // a campaign over the whole district is also the street's campaign
        ...scopeOf(actor, 'place.read').regionPaths.map((p) =>
          eb(sql.lit(p), 'like', sql<string>`campaign.region_path || '%'`),
        ),
      ]),
    )
    .orderBy('id', 'desc')
    .execute();
  return { items: rows.map(view) };
}

async function campaignIn(ctx: AppContext, actor: Actor, id: number, regionCode?: string) {
  staff(actor);
  const c = await ctx.db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound(`campaign ${id}`);
  const code = regionCode ?? c.region_code;
  let region: Awaited<ReturnType<typeof regionIn>>;
  try {
    region = await regionIn(ctx, actor, 'place.read', code, 'query.region');
  } catch (e) {
    // the campaign itself is out of sight when the caller sees none of it
    if (!regionCode) throw notFound(`campaign ${id}`);
    throw e;
  }
  if (!region.path.startsWith(c.region_path)) {
    if (c.region_path.startsWith(region.path) && !regionCode) return { c, region };
    throw notFound(`region ${code} in campaign ${id}`);
  }
  return { c, region };
}

const PLACES = (c: Selectable<CampaignTable>, path: string) => sql`
  select p.id, p.region_path from place p
  where p.region_path like ${`${path}%`} and p.retired_at is null
    and p.place_type in (select jsonb_array_elements_text(${JSON.stringify(c.place_types)}::jsonb))`;

/**
 * The campaign's board below a region: per child region (down to the grid) due, visited, found,
 * fixed, overdue — read from the counters kept with every change (board-counters.ts): the
 * region's own row and its children's (a district's or the city's summed from its streets), one
 * statement.
 */
export async function campaignBoard(ctx: AppContext, actor: Actor, id: number, regionCode?: string) {
  const { c, region } = await campaignIn(ctx, actor, id, regionCode);
  const rows = { rows: await boardFigures(ctx.db, { id: Number(c.id), region_path: c.region_path }, region) };
  const zero: Counts = { due: 0, visited: 0, found: 0, fixed: 0, overdue: 0 };
  const counts = ({ due, visited, found, fixed, overdue }: Counts): Counts => ({
    due,
    visited,
    found,
    fixed,
    overdue,
  });
  const own = rows.rows.find((r) => r.own);
  const children = rows.rows
    .filter((r) => !r.own)
    .map((k) => boardRow(counts(k), c, { code: k.code ?? '', name: k.name, level: k.level }));
  return {
    campaign: view(c),
    region: { code: region.code, name: region.name, level: region.level },
    total: boardRow(own ? counts(own) : zero, c, {
      code: region.code,
      name: region.name,
      level: region.level,
    }),
    children,
  };
}

/**
 * The rows behind one figure of the board (a figure is always the count of these): one page of
 * them, and their total read from the board's counter for that region (kept exact with every
 * change, see board-counters.ts) rather than counted per request.
 */
export async function boardRows(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { region?: string; figure: BoardFigure; limit: number; offset: number },
) {
  const { c, region } = await campaignIn(ctx, actor, id, q.region);
  const now = serverNow(ctx);
  const total = region.path.startsWith(c.region_path)
    ? (await regionFigures(ctx.db, { id: Number(c.id), region_path: c.region_path }, region.path))[q.figure]
    : null;
  if (q.figure === 'due' || q.figure === 'visited') {
    const visited =
      q.figure === 'visited'
        ? sql`and exists (select 1 from inspection i where i.campaign_id = ${c.id} and i.place_id = p.id)`
        : sql``;
    const ids = await sql<{ id: number }>`
      select p.id from (${PLACES(c, region.path)}) p where true ${visited}
      order by p.id limit ${q.limit} offset ${q.offset}`.execute(ctx.db);
    const places = ids.rows.length
      ? await ctx.db
          .selectFrom('place')
          .selectAll()
          .where(
            'id',
            'in',
            ids.rows.map((r) => r.id),
          )
          .orderBy('id')
          .execute()
      : [];
    return {
      figure: q.figure,
      total: total ?? (await countPlaces(ctx, c, region.path, visited)),
      places: await placeViews(ctx, places),
      hazards: [],
    };
  }
  let h = ctx.db
    .selectFrom('hazard')
    .where('campaign_id', '=', c.id)
    .where('region_path', 'like', `${region.path}%`);
  if (q.figure === 'fixed') h = h.where('status', '=', 'closed');
  // overdue: open past its deadline, as the sweep found it (its red card)
  if (q.figure === 'overdue') h = h.where('status', '=', 'open').where('red_card_at', 'is not', null);
  const rows = await h.selectAll().orderBy('id').limit(q.limit).offset(q.offset).execute();
  const counted = async () =>
    Number((await h.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    figure: q.figure,
    total: total ?? (await counted()),
    places: [],
    hazards: rows.map((r) => hazardSummary(r, now)),
  };
}

/** Counted from the rows: only for a region above the campaign's own (it has no counter row). */
async function countPlaces(
  ctx: AppContext,
  c: Selectable<CampaignTable>,
  path: string,
  visited: ReturnType<typeof sql>,
) {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from (${PLACES(c, path)}) p where true ${visited}`.execute(ctx.db);
  return r.rows[0]?.n ?? 0;
}

export { campaignIn };
