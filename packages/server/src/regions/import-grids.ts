import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Actor } from '../identity/index.ts';
import type { SheetRow } from '../lib/spreadsheet.ts';
import { boundaryColumns, createBoundaryDeriver, splitAmong } from './derive-boundaries.ts';
import { outsideProblem } from './domain/containment.ts';
import type { RowProblem } from './domain/divisions-csv.ts';
import { type GridRow, parseGridRows } from './domain/grid-rows.ts';
import { fromMultiPolygon, type MultiPolygonCoords, toMultiPolygon } from './geo/geometry.ts';
import { rowsRefused } from './import-divisions.ts';
import { assertMayManage } from './service-access.ts';
import type { GridLocator } from './service-locate.ts';
import type { GeoJsonGeometry } from './tables.ts';

export interface GridsImportResult {
  created: number;
  updated: number;
  /** Grids whose boundary was drawn by partitioning their community. */
  partitioned: number;
  /** Streets and communities given a drawn boundary on the way (they had none). */
  derived: number;
  dryRun: boolean;
}

interface Known {
  code: string;
  level: string;
  parent_code: string | null;
  path: string;
  retired_at: Date | null;
  boundary: GeoJsonGeometry | null;
}

async function known(ctx: AppContext, codes: string[]): Promise<Map<string, Known>> {
  const map = new Map<string, Known>();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await ctx.db
      .selectFrom('region')
      .select(['code', 'level', 'parent_code', 'path', 'retired_at', 'boundary'])
      .where('code', 'in', codes.slice(i, i + 1000))
      .execute();
    for (const r of rows) map.set(r.code, r as Known);
  }
  return map;
}

/**
 * Import grids from a sheet: new grids are created under their community, existing ones (by
 * code) get the sheet's name, kind, figures and boundary. A grid without a boundary is a part of
 * its community (partitioned among the sheet's grids there, as the demo does; a community without
 * a boundary is drawn from its street's, and so on up). Every row is checked first; any problem
 * refuses the sheet with a 422 listing every row's. One transaction.
 */
export async function importGrids(
  ctx: AppContext,
  locator: GridLocator,
  actor: Actor,
  sheet: { columns: string[]; rows: SheetRow[] },
  options: { dryRun?: boolean; errorPrefix?: string } = {},
): Promise<GridsImportResult> {
  const prefix = options.errorPrefix ?? 'file.row';
  const parsed = parseGridRows(sheet.columns, sheet.rows, ctx.config.gridCodeWidth);
  const problems: RowProblem[] = [...parsed.problems];
  const regions = await known(ctx, [...new Set(parsed.rows.flatMap((r) => [r.code, r.communityCode]))]);
  const deriver = createBoundaryDeriver(ctx.db);
  const byCommunity = new Map<string, GridRow[]>();
  for (const row of parsed.rows) {
    const bad = (column: string, message: string) => problems.push({ line: row.line, column, message });
    const community = regions.get(row.communityCode);
    const existing = regions.get(row.code);
    if (community?.level !== 'community') {
      bad('community_code', `${row.communityCode} is not an existing community`);
      continue;
    }
    if (community.retired_at) bad('community_code', `${row.communityCode} is retired`);
    if (existing && (existing.level !== 'grid' || existing.parent_code !== row.communityCode))
      bad('grid_code', `${row.code} already exists as a ${existing.level} under ${existing.parent_code}`);
    assertMayManage(actor, community.path, `row ${row.line} (${row.code})`);
    if (row.boundary && community.boundary) {
      const outside = outsideProblem(row.boundary, community.boundary, row.communityCode);
      if (outside) bad('boundary', outside);
    }
    if (!row.boundary && !existing?.boundary)
      byCommunity.set(row.communityCode, [...(byCommunity.get(row.communityCode) ?? []), row]);
  }
  // Grids without a boundary share their community's, split among them.
  const drawn = new Map<string, MultiPolygonCoords>();
  for (const [communityCode, rows] of byCommunity) {
    const others = await ctx.db
      .selectFrom('region')
      .select('code')
      .where('parent_code', '=', communityCode)
      .where('retired_at', 'is', null)
      .where('boundary', 'is not', null)
      .executeTakeFirst();
    const polygons = others ? null : await deriver.boundaryOf(communityCode);
    if (!polygons) {
      for (const row of rows)
        problems.push({
          line: row.line,
          column: 'boundary',
          message: others
            ? `${communityCode} already has grids with boundaries: give this grid's boundary`
            : `neither ${communityCode} nor any region above it has a boundary to partition: give this grid's boundary or import boundaries first`,
        });
      continue;
    }
    splitAmong(communityCode, polygons, rows.length).forEach((part, i) => {
      drawn.set((rows[i] as GridRow).code, part);
    });
  }
  if (problems.length) throw rowsRefused(problems, prefix);
  const creates = parsed.rows.filter((r) => !regions.has(r.code));
  const updates = parsed.rows.filter((r) => regions.has(r.code));
  const ancestors = deriver.derived.filter((d) => !drawn.has(d.code));
  const result = {
    created: creates.length,
    updated: updates.length,
    partitioned: drawn.size,
    derived: ancestors.length,
  };
  if (options.dryRun) return { ...result, dryRun: true };
  const boundaryOf = (r: GridRow) => {
    const polygons = r.boundary ? toMultiPolygon(r.boundary) : drawn.get(r.code);
    return polygons ? boundaryColumns(polygons) : {};
  };
  await ctx.db.transaction().execute(async (trx) => {
    for (const d of ancestors)
      await trx
        .updateTable('region')
        .set({ ...boundaryColumns(d.polygons), version: sql`version + 1`, updated_at: sql`now()` })
        .where('code', '=', d.code)
        .execute();
    for (let i = 0; i < creates.length; i += 500) {
      const chunk = creates.slice(i, i + 500);
      await trx
        .insertInto('region')
        .values(
          chunk.map((r) => ({
            code: r.code,
            parent_code: r.communityCode,
            level: 'grid' as const,
            name: r.name,
            path: `${regions.get(r.communityCode)?.path}${r.code}/`,
            depth: 4,
            grid_kind: r.kind,
            dedicated_type: r.dedicatedType,
            households: r.households,
            population: r.population,
            ...boundaryOf(r),
          })),
        )
        .execute();
    }
    for (const r of updates)
      await trx
        .updateTable('region')
        .set({
          name: r.name,
          grid_kind: r.kind,
          dedicated_type: r.dedicatedType,
          ...(r.households !== null ? { households: r.households } : {}),
          ...(r.population !== null ? { population: r.population } : {}),
          ...boundaryOf(r),
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('code', '=', r.code)
        .execute();
    const history = [
      ...ancestors.map((d) => ({
        region_code: d.code,
        action: 'update',
        payload: JSON.stringify({ source: 'grids import', derivedBoundary: true }),
        actor_id: actor.userId,
      })),
      ...parsed.rows.map((r) => ({
        region_code: r.code,
        action: regions.has(r.code) ? 'update' : 'import',
        payload: JSON.stringify({
          source: 'grids import',
          row: r.line,
          name: r.name,
          partitioned: drawn.has(r.code),
        }),
        actor_id: actor.userId,
      })),
    ];
    for (let i = 0; i < history.length; i += 500)
      await trx
        .insertInto('region_history')
        .values(history.slice(i, i + 500))
        .execute();
  });
  locator.apply(
    parsed.rows.flatMap((r) => {
      const polygons = r.boundary ? toMultiPolygon(r.boundary) : drawn.get(r.code);
      return polygons ? [{ code: r.code, boundary: fromMultiPolygon(polygons) }] : [];
    }),
  );
  return { ...result, dryRun: false };
}
