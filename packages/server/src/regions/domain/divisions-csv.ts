import { CsvError, parse } from 'csv-parse/sync';
import type { DedicatedType, RegionLevel } from '../tables.ts';
import { codeProblem, isLevel } from './codes.ts';

/**
 * A divisions CSV: a header line, then one region a line. Required columns code, name, level,
 * parent_code (empty for the city); optional households, population, grid_kind, dedicated_type.
 */
export const REQUIRED_COLUMNS = ['code', 'name', 'level', 'parent_code'] as const;
export const OPTIONAL_COLUMNS = ['households', 'population', 'grid_kind', 'dedicated_type'] as const;
const DEDICATED_TYPES: readonly DedicatedType[] = [
  'school',
  'hospital',
  'enterprise',
  'park',
  'market',
  'government',
  'other',
];
export const MAX_NAME_LENGTH = 100;

export interface DivisionRow {
  /** Line of the file the row is on (the header is line 1). */
  line: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Optional columns: null when the cell is empty (an update then keeps the current value). */
  households: number | null;
  population: number | null;
  gridKind: 'basic' | 'dedicated' | null;
  dedicatedType: DedicatedType | null;
}

/** Why a line of the file cannot be imported; `column` is null for the line as a whole. */
export interface RowProblem {
  line: number;
  column: string | null;
  message: string;
}

/** Refused: every line's problem (in line order) and the first of them. */
export type ParsedDivisions =
  | { ok: true; rows: DivisionRow[] }
  | { ok: false; problem: RowProblem; problems: RowProblem[]; rows: DivisionRow[] };

/** Refused, with the rows that did parse (so their own problems can be listed too). */
const refused = (problems: RowProblem[], rows: DivisionRow[] = []): ParsedDivisions => {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  return { ok: false, problem: sorted[0] as RowProblem, problems: sorted, rows };
};

type Record = { [column: string]: string | undefined };

export function parseDivisionsCsv(text: string, gridCodeWidth: number): ParsedDivisions {
  let records: { record: Record; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true });
  } catch (error) {
    if (error instanceof CsvError)
      return refused([{ line: lineOf(error), column: null, message: error.message }]);
    throw error;
  }
  const header = headerProblem(text);
  if (header) return refused([header]);
  if (records.length === 0) return refused([{ line: 2, column: null, message: 'the file has no rows' }]);
  const rows: DivisionRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const parsed = parseRow(record, info.lines, gridCodeWidth);
    if ('message' in parsed) {
      problems.push(parsed);
      continue;
    }
    const earlier = seen.get(parsed.code);
    if (earlier !== undefined) {
      problems.push({ line: parsed.line, column: 'code', message: `repeats line ${earlier}` });
      continue;
    }
    seen.set(parsed.code, parsed.line);
    rows.push(parsed);
  }
  return problems.length ? refused(problems, rows) : { ok: true, rows };
}

function lineOf(error: CsvError): number {
  const lines = (error as CsvError & { lines?: number }).lines;
  return typeof lines === 'number' ? lines : 1;
}

function headerProblem(text: string): RowProblem | null {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = first.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const known: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
  const missing = REQUIRED_COLUMNS.find((c) => !columns.includes(c));
  if (missing) return { line: 1, column: missing, message: `the header lacks the column ${missing}` };
  const unknown = columns.find((c) => !known.includes(c));
  if (unknown !== undefined)
    return { line: 1, column: unknown, message: `unknown column "${unknown}" (known: ${known.join(', ')})` };
  return null;
}

function parseRow(record: Record, line: number, gridCodeWidth: number): DivisionRow | RowProblem {
  const problem = (column: string, message: string): RowProblem => ({ line, column, message });
  const code = record.code ?? '';
  const name = record.name ?? '';
  const level = record.level ?? '';
  const parentCode = record.parent_code || null;
  if (!isLevel(level))
    return problem('level', `"${level}" is not one of city, district, street, community, grid`);
  const bad = codeProblem(code, level, gridCodeWidth);
  if (bad) return problem('code', `${code}: ${bad}`);
  if (!name) return problem('name', 'must not be empty');
  if (name.length > MAX_NAME_LENGTH) return problem('name', `must be at most ${MAX_NAME_LENGTH} characters`);
  const households = count(record.households);
  if (households === undefined) return problem('households', 'must be a whole number ≥ 0');
  const population = count(record.population);
  if (population === undefined) return problem('population', 'must be a whole number ≥ 0');
  const kind = record.grid_kind || null;
  const dedicated = record.dedicated_type || null;
  if (level !== 'grid' && (kind || dedicated))
    return problem(kind ? 'grid_kind' : 'dedicated_type', 'only grids have one');
  if (kind !== null && kind !== 'basic' && kind !== 'dedicated')
    return problem('grid_kind', `"${kind}" is not basic or dedicated`);
  if (dedicated !== null && !(DEDICATED_TYPES as readonly string[]).includes(dedicated))
    return problem('dedicated_type', `"${dedicated}" is not one of ${DEDICATED_TYPES.join(', ')}`);
  if (dedicated !== null && kind !== 'dedicated')
    return problem('dedicated_type', 'needs grid_kind dedicated');
  return {
    line,
    code,
    name,
    level,
    parentCode,
    households,
    population,
    gridKind: kind,
    dedicatedType: dedicated as DedicatedType | null,
  };
}

/** A count column: empty is null, a whole number ≥ 0 is that number, anything else undefined. */
function count(value: string | undefined): number | null | undefined {
  if (!value) return null;
  if (!/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}
