import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import type { SheetRow } from '../lib/spreadsheet.ts';
import { LEVELS } from './domain/codes.ts';
import { type BoundaryQuery, boundariesOf, type ExportQuery, exportSubtree } from './export-geojson.ts';
import {
  type BoundaryCollection,
  type BoundaryImportOptions,
  importBoundaries,
} from './import-boundaries.ts';
import { importDivisions } from './import-divisions.ts';
import { importGrids } from './import-grids.ts';
import { GridLocator } from './service-locate.ts';
import { type MoveListener, moveRegion, retireRegion } from './service-move.ts';
import {
  ancestorCodes,
  type RegionDetail,
  type RegionRef,
  type RegionRow,
  type RegionView,
  toRef,
  toView,
  VIEW_COLUMNS,
} from './service-views.ts';
import { type CreateRegion, createRegion, type UpdateRegion, updateRegion } from './service-write.ts';
import type { GeoJsonGeometry, RegionLevel } from './tables.ts';

declare module '../context.ts' {
  interface Services {
    regions: RegionsService;
  }
}

export interface SearchQuery {
  q?: string;
  codePrefix?: string;
  level?: RegionLevel;
  /** Only inside this region's subtree. */
  within?: string;
  limit?: number;
  includeRetired?: boolean;
}

export interface Located {
  grid: RegionView;
  /** Root first, ending with the grid's community. */
  ancestors: RegionRef[];
}

export type LevelCounts = Record<RegionLevel, number>;

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The regions module's service (`ctx.services.regions`): the city tree, its boundaries, locate. */
export class RegionsService {
  readonly locator: GridLocator;
  private readonly moveListeners: MoveListener[] = [];

  constructor(private readonly ctx: AppContext) {
    this.locator = new GridLocator(ctx.db);
  }

  /** The region, or null. Retired regions are found too (they are kept for history). */
  async find(code: string): Promise<RegionView | null> {
    const row = await this.ctx.db
      .selectFrom('region')
      .select(VIEW_COLUMNS)
      .where('code', '=', code)
      .executeTakeFirst();
    return row ? toView(row) : null;
  }

  /** The region with its ancestors (root first), its active children count and its boundary. */
  async get(code: string): Promise<RegionDetail> {
    const row = await this.ctx.db
      .selectFrom('region')
      .select([...VIEW_COLUMNS, 'boundary'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw notFound(`region ${code}`);
    const [ancestors, childCount] = [await this.ancestors(row.path), await this.childCount(code)];
    return {
      ...toView(row),
      ancestors,
      childCount,
      boundary: (row.boundary as GeoJsonGeometry | null) ?? null,
    };
  }

  /** The ancestors of the region at `path`, root first, ending with its parent. */
  async ancestors(path: string): Promise<RegionRef[]> {
    const codes = ancestorCodes(path);
    if (codes.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where('code', 'in', codes)
      .orderBy('depth')
      .execute();
    return rows.map(toRef);
  }

  private async childCount(code: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_code', '=', code)
      .where('retired_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The region's children in code order, each with its own active children count. */
  async children(code: string, includeRetired = false): Promise<(RegionView & { childCount: number })[]> {
    await this.require(code);
    const rows = await this.ctx.db
      .selectFrom('region as r')
      .select(VIEW_COLUMNS.map((c) => `r.${c}` as const))
      .select((eb) =>
        eb
          .selectFrom('region as c')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('c.parent_code', '=', 'r.code')
          .where('c.retired_at', 'is', null)
          .as('child_count'),
      )
      .where('r.parent_code', '=', code)
      .$if(!includeRetired, (q) => q.where('r.retired_at', 'is', null))
      .orderBy('r.code')
      .execute();
    return rows.map((r) => ({ ...toView(r as RegionRow), childCount: Number(r.child_count ?? 0) }));
  }

  /** Regions whose name contains `q` (those starting with it first) or whose code starts with a prefix. */
  async search(query: SearchQuery): Promise<(RegionView & { ancestorNames: string[] })[]> {
    const within = query.within ? await this.require(query.within) : null;
    const q = query.q?.trim();
    const rows = await this.ctx.db
      .selectFrom('region')
      .select(VIEW_COLUMNS)
      .$if(Boolean(q), (qb) => qb.where('name', 'like', `%${likeEscape(q ?? '')}%`))
      .$if(Boolean(query.codePrefix), (qb) =>
        qb.where('code', 'like', `${likeEscape(query.codePrefix ?? '')}%`),
      )
      .$if(Boolean(query.level), (qb) => qb.where('level', '=', query.level as RegionLevel))
      .$if(within !== null, (qb) => qb.where('path', 'like', `${within?.path}%`))
      .$if(!query.includeRetired, (qb) => qb.where('retired_at', 'is', null))
      .orderBy(sql`case when name like ${`${likeEscape(q ?? '')}%`} then 0 else 1 end`)
      .orderBy('depth')
      .orderBy('code')
      .limit(query.limit ?? 20)
      .execute();
    const names = await this.namesOf([...new Set(rows.flatMap((r) => ancestorCodes(r.path)))]);
    return rows.map((r) => ({
      ...toView(r),
      ancestorNames: ancestorCodes(r.path).map((c) => names.get(c) ?? c),
    }));
  }

  private async namesOf(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.ctx.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', codes)
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** How many active regions of each level lie below the region (a path range scan). */
  async counts(code: string): Promise<{ code: string; counts: LevelCounts; dedicatedGrids: number }> {
    const region = await this.require(code);
    const rows = await this.ctx.db
      .selectFrom('region')
      .select(['level'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .select(sql<number>`count(*) filter (where grid_kind = 'dedicated')`.as('dedicated'))
      .where('path', 'like', `${region.path}%`)
      .where('code', '<>', code)
      .where('retired_at', 'is', null)
      .groupBy('level')
      .execute();
    const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as LevelCounts;
    for (const r of rows) counts[r.level] = Number(r.n);
    const dedicatedGrids = Number(rows.find((r) => r.level === 'grid')?.dedicated ?? 0);
    return { code, counts, dedicatedGrids };
  }

  /** The region or a 404 naming it. */
  async require(code: string): Promise<RegionView> {
    const region = await this.find(code);
    if (!region) throw notFound(`region ${code}`);
    return region;
  }

  boundaries(code: string, query: BoundaryQuery) {
    return boundariesOf(this.ctx, this, code, query);
  }

  export(code: string, query: ExportQuery = {}) {
    return exportSubtree(this.ctx, this, code, query);
  }

  /** The grid containing the point and its ancestors, or null outside every grid. */
  async locate(lon: number, lat: number): Promise<Located | null> {
    if (!(Math.abs(lon) <= 180)) throw badRequest('lon', 'must be a longitude between -180 and 180');
    if (!(Math.abs(lat) <= 90)) throw badRequest('lat', 'must be a latitude between -90 and 90');
    const code = await this.locator.locate(lon, lat);
    const grid = code ? await this.find(code) : null;
    if (!grid) return null;
    return { grid, ancestors: await this.ancestors(grid.path) };
  }

  async history(code: string) {
    await this.require(code);
    const rows = await this.ctx.db
      .selectFrom('region_history')
      .selectAll()
      .where('region_code', '=', code)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      action: r.action,
      payload: r.payload as Record<string, unknown>,
      actorId: r.actor_id === null ? null : Number(r.actor_id),
      at: new Date(r.at as unknown as Date).toISOString(),
    }));
  }

  create(actor: Actor, input: CreateRegion) {
    return createRegion(this.ctx, this.locator, actor, input);
  }

  update(actor: Actor, code: string, input: UpdateRegion) {
    return updateRegion(this.ctx, this.locator, actor, code, input);
  }

  move(actor: Actor, code: string, parentCode: string, version?: number) {
    return moveRegion(this.ctx, this.moveListeners, actor, code, parentCode, version);
  }

  /**
   * Keep another module's copies of region paths in step with moves: the listener runs inside
   * the move's transaction (see `rewritePathPrefix` in service-move.ts for the usual statement).
   */
  onMove(listener: MoveListener): void {
    this.moveListeners.push(listener);
  }

  retire(actor: Actor, code: string, options: { cascade?: boolean; reason?: string } = {}) {
    return retireRegion(this.ctx, this.locator, actor, code, options);
  }

  importDivisions(actor: Actor, csv: string, options: { dryRun?: boolean; errorPrefix?: string } = {}) {
    return importDivisions(this.ctx, actor, csv, options);
  }

  importBoundaries(actor: Actor, collection: BoundaryCollection, options: BoundaryImportOptions = {}) {
    return importBoundaries(this.ctx, this.locator, actor, collection, options);
  }

  importGrids(
    actor: Actor,
    sheet: { columns: string[]; rows: SheetRow[] },
    options: { dryRun?: boolean; errorPrefix?: string } = {},
  ) {
    return importGrids(this.ctx, this.locator, actor, sheet, options);
  }
}
