import type { SheetRow } from '../../lib/spreadsheet.ts';
import type { DedicatedType, GeoJsonGeometry } from '../tables.ts';
import { codeProblem } from './codes.ts';
import type { RowProblem } from './divisions-csv.ts';
import { checkBoundary } from './geometry.ts';
import { parseWkt } from './wkt.ts';

/** A grids sheet: grid_code, name, community_code, and optionally kind, dedicated_type, households, population, boundary. */
export const GRID_COLUMNS = ['grid_code', 'name', 'community_code'] as const;
export const GRID_OPTIONAL = ['kind', 'dedicated_type', 'households', 'population', 'boundary'] as const;
const DEDICATED: readonly string[] = [
  'school',
  'hospital',
  'enterprise',
  'park',
  'market',
  'government',
  'other',
];

export interface GridRow {
  line: number;
  code: string;
  name: string;
  communityCode: string;
  kind: 'basic' | 'dedicated';
  dedicatedType: DedicatedType | null;
  households: number | null;
  population: number | null;
  /** As given (GeoJSON geometry or WKT), checked; null: partition the community. */
  boundary: GeoJsonGeometry | null;
}

/** Every row read, or every row's problem. Pure. */
export function parseGridRows(
  columns: string[],
  rows: SheetRow[],
  gridCodeWidth: number,
): { rows: GridRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const known: readonly string[] = [...GRID_COLUMNS, ...GRID_OPTIONAL];
  for (const c of GRID_COLUMNS)
    if (!columns.includes(c))
      problems.push({ line: 1, column: c, message: `the header lacks the column ${c}` });
  for (const c of columns)
    if (!known.includes(c))
      problems.push({ line: 1, column: c, message: `unknown column "${c}" (known: ${known.join(', ')})` });
  if (problems.length) return { rows: [], problems };
  if (rows.length === 0)
    return { rows: [], problems: [{ line: 2, column: null, message: 'the sheet has no rows' }] };
  const out: GridRow[] = [];
  const seen = new Map<string, number>();
  for (const { row: line, cells } of rows) {
    const bad = (column: string, message: string) => problems.push({ line, column, message });
    const before = problems.length;
    const code = cells.grid_code ?? '';
    const codeBad = codeProblem(code, 'grid', gridCodeWidth);
    if (codeBad) bad('grid_code', `${code}: ${codeBad}`);
    else if (seen.has(code)) bad('grid_code', `repeats row ${seen.get(code)}`);
    else seen.set(code, line);
    const community = cells.community_code ?? '';
    if (!codeBad && !code.startsWith(community.slice(0, 12)))
      bad('community_code', `the grid code ${code} does not extend ${community}`);
    if (!/^\d{12}$/.test(community)) bad('community_code', 'a 12-digit community code');
    const name = cells.name ?? '';
    if (!name) bad('name', 'must not be empty');
    else if (name.length > 100) bad('name', 'must be at most 100 characters');
    const kind = cells.kind || 'basic';
    if (kind !== 'basic' && kind !== 'dedicated') bad('kind', `"${kind}" is not basic or dedicated`);
    const dedicated = cells.dedicated_type || null;
    if (dedicated && !DEDICATED.includes(dedicated))
      bad('dedicated_type', `"${dedicated}" is not one of ${DEDICATED.join(', ')}`);
    if (dedicated && kind !== 'dedicated') bad('dedicated_type', 'needs kind dedicated');
    const households = count(cells.households);
    if (households === undefined) bad('households', 'must be a whole number ≥ 0');
    const population = count(cells.population);
    if (population === undefined) bad('population', 'must be a whole number ≥ 0');
    let boundary: GeoJsonGeometry | null = null;
    const text = cells.boundary ?? '';
    if (text) {
      const given = text.startsWith('{') ? safeJson(text) : parseWkt(text);
      const check = given === undefined || given === null ? null : checkBoundary(given);
      if (!check) bad('boundary', 'neither a GeoJSON Polygon/MultiPolygon nor a WKT POLYGON/MULTIPOLYGON');
      else if (!check.ok)
        bad('boundary', `${check.problem.path ? `${check.problem.path}: ` : ''}${check.problem.message}`);
      else boundary = check.geometry;
    }
    if (problems.length > before) continue;
    out.push({
      line,
      code,
      name,
      communityCode: community,
      kind: kind as 'basic' | 'dedicated',
      dedicatedType: dedicated as DedicatedType | null,
      households: households ?? null,
      population: population ?? null,
      boundary,
    });
  }
  return { rows: out, problems };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function count(value: string | undefined): number | null | undefined {
  if (!value) return null;
  if (!/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}
