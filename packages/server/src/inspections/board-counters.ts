import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { BoardFigure, Counts } from './domain/board.ts';

/**
 * A campaign's board as exact counters (`campaign_board`, migrations 0453, 0455): per campaign and
 * region, at every level from the street (or the campaign's region when it lies deeper) down to
 * the grid, the places due and visited and the hazards found, fixed and overdue (open with the
 * sweep's red card). Each change adds its leaf deltas (at a place's or hazard's grid path) in the
 * transaction of the change; one statement spreads them to the kept ancestors inside the
 * campaign's region. A district's and the city's figures are their streets' rows summed at read
 * (`boardFigures`): visits across the city no longer all wait on one city row. `rebuildBoard`
 * recomputes the counters from the rows with the same spreading, so the two agree exactly.
 */

type Db = Kysely<DB>;

export interface BoardLeaf extends Partial<Counts> {
  campaignId: number;
  regionPath: string;
}

/** What a place row is to the board: its type, grid path and whether it is retired. */
export interface PlaceOnBoard {
  id: number;
  place_type: string;
  region_path: string;
  retired_at: Date | string | null;
}

/** What a hazard row is to the board. */
export interface HazardOnBoard {
  campaign_id: number | string | null;
  region_path: string;
  status: string;
  red_card_at: Date | string | null;
}

const FIGURES: BoardFigure[] = ['due', 'visited', 'found', 'fixed', 'overdue'];

/** The highest level kept as rows: the street (path segments city/district/street). */
export const KEPT_FROM_DEPTH = 3;

/**
 * Leaf rows (campaign_id, region_path, due … overdue) spread to their ancestors inside each
 * campaign's region, summed per (campaign, region): the select both writers insert.
 */
const spread = (leaf: RawBuilder<unknown>) => sql`
  select l.campaign_id, a.path as region_path, a.parent as parent_path, a.depth,
    sum(l.due)::int as due, sum(l.visited)::int as visited, sum(l.found)::int as found,
    sum(l.fixed)::int as fixed, sum(l.overdue)::int as overdue
  from (${leaf}) l
    join campaign c on c.id = l.campaign_id
    cross join lateral (
      select array_to_string(s[1:k], '/') || '/' as path,
        case when k = 1 then '' else array_to_string(s[1:k - 1], '/') || '/' end as parent,
        k::smallint as depth
      from (select string_to_array(rtrim(l.region_path, '/'), '/') as s) x,
        generate_series(${sql.lit(KEPT_FROM_DEPTH)}, cardinality(x.s)) k
    ) a
  where a.path like c.region_path || '%'
  group by 1, 2, 3, 4`;

/** The board's leaves counted from the rows (places of the campaign's types, its hazards). */
const countedLeaves = (campaignIds?: number[]) => {
  const only = (col: string) =>
    campaignIds ? sql`and ${sql.ref(col)} = any(${campaignIds}::bigint[])` : sql``;
  return sql`
    select c.id as campaign_id, p.region_path, count(*)::int as due,
      count(v.place_id)::int as visited, 0 as found, 0 as fixed, 0 as overdue
    from campaign c join place p on p.retired_at is null and p.region_path like c.region_path || '%'
      and c.place_types @> to_jsonb(p.place_type)
      -- the places each campaign visited, as one set joined by hash (a probe per place needs an
      -- index the generator's load has not built yet: 1 M visits took hours that way)
      left join (select distinct campaign_id, place_id from inspection
        where campaign_id is not null ${only('campaign_id')}) v on v.campaign_id = c.id and v.place_id = p.id
    where true ${only('c.id')}
    group by 1, 2
    union all
    select h.campaign_id, h.region_path, 0, 0, count(*)::int,
      count(*) filter (where h.status = 'closed')::int,
      count(*) filter (where h.status = 'open' and h.red_card_at is not null)::int
    from hazard h where h.campaign_id is not null ${only('h.campaign_id')}
    group by 1, 2`;
};

export interface BoardCounterRow extends Counts {
  campaign_id: number;
  region_path: string;
  parent_path: string;
}

/** The counters as a rebuild from the rows would write them (for checks: they must equal the table). */
export async function countedBoard(db: Db, campaignIds?: number[]): Promise<BoardCounterRow[]> {
  const r = await sql<BoardCounterRow>`
    select campaign_id, region_path, parent_path, due, visited, found, fixed, overdue
    from (${spread(countedLeaves(campaignIds))}) s order by 1, 2`.execute(db);
  return r.rows.map((x) => ({ ...x, campaign_id: Number(x.campaign_id) }));
}

/** The counters kept, without the rows whose figures all came back to zero. */
export async function keptBoard(db: Db, campaignIds?: number[]): Promise<BoardCounterRow[]> {
  const r = await sql<BoardCounterRow>`
    select campaign_id, region_path, parent_path, due, visited, found, fixed, overdue from campaign_board
    where (due, visited, found, fixed, overdue) <> (0, 0, 0, 0, 0)
      ${campaignIds ? sql`and campaign_id = any(${campaignIds}::bigint[])` : sql``}
    order by 1, 2`.execute(db);
  return r.rows.map((x) => ({ ...x, campaign_id: Number(x.campaign_id) }));
}

/** Recount the counters of some campaigns (all without ids) from their rows. */
export async function rebuildBoard(trx: Db, campaignIds?: number[]): Promise<void> {
  await sql`delete from campaign_board ${campaignIds ? sql`where campaign_id = any(${campaignIds}::bigint[])` : sql``}`.execute(
    trx,
  );
  await sql`insert into campaign_board (campaign_id, region_path, parent_path, depth, due, visited, found, fixed, overdue)
    ${spread(countedLeaves(campaignIds))}`.execute(trx);
}

const upsert = (select: RawBuilder<unknown>) => sql`
  insert into campaign_board (campaign_id, region_path, parent_path, depth, due, visited, found, fixed, overdue)
  select * from (${select}) d
  where (d.due, d.visited, d.found, d.fixed, d.overdue) <> (0, 0, 0, 0, 0)
  order by 1, 2
  on conflict (campaign_id, region_path) do update set
    due = campaign_board.due + excluded.due, visited = campaign_board.visited + excluded.visited,
    found = campaign_board.found + excluded.found, fixed = campaign_board.fixed + excluded.fixed,
    overdue = campaign_board.overdue + excluded.overdue`;

/** Add leaf deltas (one statement, spread to the ancestors inside each campaign's region). */
export async function addToBoard(trx: Db, leaves: BoardLeaf[]): Promise<void> {
  const rows = leaves
    .map((l) => ({
      campaign_id: l.campaignId,
      region_path: l.regionPath,
      ...Object.fromEntries(FIGURES.map((f) => [f, l[f] ?? 0])),
    }))
    .filter((l) => FIGURES.some((f) => l[f as keyof typeof l] !== 0));
  if (rows.length === 0) return;
  await upsert(
    spread(sql`select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(campaign_id bigint, region_path text, due int, visited int, found int, fixed int, overdue int)`),
  ).execute(trx);
}

/**
 * Places changed (created, edited, moved, retired, imported): what they were (`before`, absent
 * when new) comes off the campaigns covering them, what they are goes on, visited where the
 * place has a visit of the campaign. One statement.
 */
export async function placesChanged(trx: Db, before: PlaceOnBoard[], after: PlaceOnBoard[]): Promise<void> {
  const rows = [
    ...before.filter((p) => !p.retired_at).map((p) => ({ ...p, sign: -1 })),
    ...after.filter((p) => !p.retired_at).map((p) => ({ ...p, sign: 1 })),
  ].map((p) => ({ place_id: p.id, place_type: p.place_type, region_path: p.region_path, sign: p.sign }));
  if (rows.length === 0) return;
  await upsert(
    spread(sql`
      select c.id as campaign_id, x.region_path, x.sign as due,
        case when exists (select 1 from inspection i where i.campaign_id = c.id and i.place_id = x.place_id)
          then x.sign else 0 end as visited, 0 as found, 0 as fixed, 0 as overdue
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(place_id bigint, place_type text, region_path text, sign int)
      join campaign c on x.region_path like c.region_path || '%' and c.place_types @> to_jsonb(x.place_type)`),
  ).execute(trx);
}

/** A hazard's part of its campaign's board. */
export const hazardCounts = (h: HazardOnBoard): Partial<Counts> => ({
  found: 1,
  fixed: h.status === 'closed' ? 1 : 0,
  overdue: h.status === 'open' && h.red_card_at != null ? 1 : 0,
});

/** A hazard changed (status, red card): the difference of its two parts. */
export async function hazardChanged(trx: Db, before: HazardOnBoard, after: HazardOnBoard): Promise<void> {
  if (before.campaign_id == null) return;
  const b = hazardCounts(before);
  const a = hazardCounts(after);
  await addToBoard(trx, [
    {
      campaignId: Number(before.campaign_id),
      regionPath: before.region_path,
      fixed: (a.fixed ?? 0) - (b.fixed ?? 0),
      overdue: (a.overdue ?? 0) - (b.overdue ?? 0),
    },
  ]);
}

/** The depth the kept rows summed for a region start at (its own, or the street's, or the campaign's). */
const depthOf = (path: string) => path.split('/').filter(Boolean).length;
const keptDepth = (depth: number, campaignPath: string) =>
  Math.max(depth, KEPT_FROM_DEPTH, depthOf(campaignPath));

/**
 * A region's figures: its own row, or (a district, the city) the sum of its streets' rows.
 * Depths are written into the statement (small integers from the paths), not bound: a prepared
 * statement's generic plan, blind to the depth, guessed thousands of rows and started parallel
 * workers, 95 ms a board instead of 3.
 */
const ownSums = (campaign: { id: number; region_path: string }, path: string) => sql`
  select coalesce(sum(due), 0)::int as due, coalesce(sum(visited), 0)::int as visited,
    coalesce(sum(found), 0)::int as found, coalesce(sum(fixed), 0)::int as fixed,
    coalesce(sum(overdue), 0)::int as overdue
  from campaign_board where campaign_id = ${campaign.id}
    and depth = ${sql.lit(keptDepth(depthOf(path), campaign.region_path))} and region_path like ${`${path}%`}`;

/** A region's figures (as `boardFigures`' total). */
export async function regionFigures(
  db: Db,
  campaign: { id: number; region_path: string },
  path: string,
): Promise<Counts> {
  const r = await sql<Counts>`${ownSums(campaign, path)}`.execute(db);
  return r.rows[0] ?? { due: 0, visited: 0, found: 0, fixed: 0, overdue: 0 };
}

/**
 * A region's figures and its children's (active regions, zeros included): the kept rows at the
 * children's depth (or the streets', for a city's districts) summed per child, and the region's own.
 */
export async function boardFigures(
  db: Db,
  campaign: { id: number; region_path: string },
  region: { code: string; path: string },
) {
  const depth = depthOf(region.path);
  const childDepth = keptDepth(depth + 1, campaign.region_path);
  // two statements side by side, not one union: its parallel append made the planner start
  // parallel workers (tens of milliseconds) for a few hundred rows
  const [r, own] = await Promise.all([
    sql<Counts & { code: string | null; name: string; level: string; own: boolean }>`
    with kept as (
      select array_to_string((string_to_array(region_path, '/'))[1:${sql.lit(depth + 1)}], '/') || '/' as child_path,
        sum(due)::int as due, sum(visited)::int as visited, sum(found)::int as found,
        sum(fixed)::int as fixed, sum(overdue)::int as overdue
      from campaign_board where campaign_id = ${campaign.id} and depth = ${sql.lit(childDepth)}
        and region_path like ${`${region.path}%`}
      group by 1
    )
    select r.code, r.name, r.level, false as own,
      coalesce(k.due, 0) as due, coalesce(k.visited, 0) as visited, coalesce(k.found, 0) as found,
      coalesce(k.fixed, 0) as fixed, coalesce(k.overdue, 0) as overdue
    from region r left join kept k on k.child_path = r.path
    where r.parent_code = ${region.code} and r.retired_at is null
    order by 1`.execute(db),
    regionFigures(db, campaign, region.path),
  ]);
  return [...r.rows, { code: null, name: '', level: '', own: true, ...own }];
}
