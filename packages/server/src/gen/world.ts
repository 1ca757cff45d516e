import { sql } from 'kysely';
import { insertDemoCategories } from '../cases/index.ts';
import type { Db } from '../db/database.ts';
import type { Holder } from './domain/case-walk.ts';
import type { Random } from './domain/random.ts';

export interface GenGrid {
  code: string;
  path: string;
  city: string;
  district: string;
  street: string;
  community: string;
  bbox: [number, number, number, number] | null;
}

export interface GenCategory {
  code: string;
  kind: string;
  name: string;
  limits: { accept: number; handle: number; verify: number };
}

export interface GenUnits {
  centreOf: Map<string, number>;
  departmentsOf: Map<string, number[]>;
  /** The stations of each street (城管执法中队, 派出所, 司法所, …): a street's cases are dispatched there too. */
  stationsOf?: Map<string, number[]>;
}

/** Default step limits (hours) by kind when a category carries none. */
const KIND_LIMITS: Record<string, GenCategory['limits']> = {
  request: { accept: 4, handle: 120, verify: 48 },
  dispute: { accept: 8, handle: 240, verify: 72 },
  hazard: { accept: 2, handle: 72, verify: 24 },
  incident: { accept: 1, handle: 24, verify: 24 },
  tip: { accept: 8, handle: 168, verify: 48 },
};

export async function loadGrids(db: Db): Promise<GenGrid[]> {
  const r = await sql<{
    code: string;
    path: string;
    min_lon: number | null;
    min_lat: number | null;
    max_lon: number | null;
    max_lat: number | null;
  }>`
    select code, path, min_lon, min_lat, max_lon, max_lat from region
    where level = 'grid' and retired_at is null order by code`.execute(db);
  return r.rows.map((g) => {
    const [city, district, street, community] = g.path.split('/') as string[];
    return {
      code: g.code,
      path: g.path,
      city: city as string,
      district: district as string,
      street: street as string,
      community: community as string,
      bbox:
        g.min_lon === null
          ? null
          : [g.min_lon, g.min_lat as number, g.max_lon as number, g.max_lat as number],
    };
  });
}

/**
 * Add grids (without boundaries) under the existing communities, round robin, until there are
 * `wanted` grids: how the generator makes a 100,000-grid city from the 15,000-grid demo.
 */
export async function topUpGrids(db: Db, wanted: number, width = 3): Promise<number> {
  const have = await sql<{ n: number }>`select count(*)::int as n from region where level = 'grid'`.execute(
    db,
  );
  let missing = wanted - Number(have.rows[0]?.n ?? 0);
  if (missing <= 0) return 0;
  const communities = await sql<{ code: string; path: string; n: number }>`
    select c.code, c.path, (select count(*)::int from region g where g.parent_code = c.code) as n
    from region c where c.level = 'community' and c.retired_at is null order by c.code`.execute(db);
  if (communities.rows.length === 0)
    throw new Error('no communities: seed the demo city first (npm run db:seed)');
  const next = new Map(communities.rows.map((c) => [c.code, c.n + 1]));
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; missing > 0; i++, missing--) {
    const c = communities.rows[i % communities.rows.length] as { code: string; path: string };
    const seq = next.get(c.code) as number;
    next.set(c.code, seq + 1);
    const code = `${c.code}${String(seq).padStart(width, '0')}`;
    rows.push({
      code,
      parent_code: c.code,
      level: 'grid',
      name: `第${seq}网格`,
      path: `${c.path}${code}/`,
      depth: 4,
      grid_kind: 'basic',
      households: 300,
    });
  }
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('region')
      .values(rows.slice(i, i + 2000) as never)
      .execute();
  return rows.length;
}

const hours = (l: unknown): number | null => {
  const v = l as { value?: number; unit?: string } | undefined;
  if (!v || typeof v.value !== 'number') return null;
  return v.unit?.includes('day') ? v.value * 24 : v.value;
};

export async function loadCategories(db: Db): Promise<GenCategory[]> {
  const any = await sql<{ n: number }>`select count(*)::int as n from case_category`.execute(db);
  if (Number(any.rows[0]?.n ?? 0) === 0) await insertDemoCategories(db);
  const r = await sql<{ code: string; kind: string; name_zh: string; time_limits: unknown; leaf: boolean }>`
    select code, kind, name_zh, time_limits,
      not exists (select 1 from case_category k where k.parent_code = c.code) as leaf
    from case_category c where retired_at is null order by code`.execute(db);
  const rows = r.rows.some((c) => c.leaf) ? r.rows.filter((c) => c.leaf) : r.rows;
  return rows.map((c) => {
    const raw = typeof c.time_limits === 'string' ? JSON.parse(c.time_limits) : (c.time_limits ?? {});
    const community = (raw as Record<string, Record<string, unknown>>).community ?? {};
    const base = KIND_LIMITS[c.kind] ?? (KIND_LIMITS.request as GenCategory['limits']);
    return {
      code: c.code,
      kind: c.kind,
      name: c.name_zh,
      limits: {
        accept: hours(community.accept) ?? base.accept,
        handle: hours(community.handle) ?? base.handle,
        verify: hours(community.verify) ?? base.verify,
      },
    };
  });
}

/** The governance centre of each region, the departments of each district (or the city), the stations of each street. */
export async function loadUnits(db: Db): Promise<GenUnits> {
  const centreOf = new Map<string, number>();
  const departmentsOf = new Map<string, number[]>();
  const stationsOf = new Map<string, number[]>();
  const r = await sql<{ id: number; kind: string; region_code: string }>`
    select id, kind, region_code from unit where retired_at is null order by id`
    .execute(db)
    .catch(() => ({ rows: [] as { id: number; kind: string; region_code: string }[] }));
  for (const u of r.rows) {
    if (u.kind === 'centre') centreOf.set(u.region_code, Number(u.id));
    else if (u.kind === 'department')
      departmentsOf.set(u.region_code, [...(departmentsOf.get(u.region_code) ?? []), Number(u.id)]);
    else if (u.kind === 'station')
      stationsOf.set(u.region_code, [...(stationsOf.get(u.region_code) ?? []), Number(u.id)]);
  }
  return { centreOf, departmentsOf, stationsOf };
}

/**
 * The unit holding a generated case: a centre by level, or for a department's case one of the
 * district's departments (a community's or street's case goes to one of its street's stations
 * a third of the time).
 */
export function unitFor(
  units: GenUnits,
  g: GenGrid,
  holder: Holder,
  random: Random,
  level?: string,
): number | null {
  if (holder === 'department') {
    const stations = level === 'district' ? undefined : units.stationsOf?.get(g.street);
    const deps =
      stations?.length && random() < 1 / 3
        ? stations
        : (units.departmentsOf.get(g.district) ?? units.departmentsOf.get(g.city));
    return deps?.length ? (deps[Math.floor(random() * deps.length)] as number) : null;
  }
  const region = holder === 'community' ? g.community : holder === 'street' ? g.street : g.district;
  return units.centreOf.get(region) ?? null;
}
