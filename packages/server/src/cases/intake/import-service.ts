import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { AppContext } from '../../context.ts';
import { forbidden, Problem } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { readTable as readSheet, XlsxError } from '../../lib/xlsx-reader.ts';
import { attributeProblems } from '../domain/attributes.ts';
import { type Cell, type ImportedCase, type RowError, readRows } from '../domain/import-rows.ts';
import type { AttributeDef } from '../tables.ts';
import { gridAt } from './case-places.ts';
import { placeOf } from './intake-lookups.ts';
import { intakeCase } from './intake-service.ts';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_ERRORS_SHOWN = 200;
const IMPORTERS = ['centre_operator', 'admin'] as const;

export interface ImportResult {
  rows: number;
  created: number;
  /** Cases made by an earlier upload of the same file (replayed, not made twice). */
  existing: number;
  dryRun: boolean;
  cases: { row: number; id: number; number: string }[];
}

const isXlsx = (data: Buffer) => data.length > 4 && data.readUInt32LE(0) === 0x04034b50;

/** The first sheet of a workbook (streamed, lib/xlsx-reader.ts), or a CSV (UTF-8, BOM allowed), as rows of cells. */
export async function readTable(data: Buffer): Promise<Cell[][]> {
  if (isXlsx(data)) {
    try {
      // the header and one row more than an import may hold: a longer file is refused by its length
      return await readSheet(data, { maxRows: MAX_IMPORT_ROWS + 1 });
    } catch (e) {
      if (!(e instanceof XlsxError)) throw e;
      const message = `not a readable Excel workbook: ${e.message}`;
      throw new Problem(422, 'Unprocessable Content', `body.file: ${message}`, [
        { field: 'body.file', message },
      ]);
    }
  }
  try {
    return parse(data, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : 'not readable CSV';
    throw new Problem(422, 'Unprocessable Content', `body.file: ${message}`, [
      { field: 'body.file', message },
    ]);
  }
}

/** Everything intake would refuse, checked for every row before any case is made. */
async function placeAndAttributeErrors(
  ctx: AppContext,
  actor: Actor,
  cases: ImportedCase[],
  categories: Map<string, { kind: string; attributes: AttributeDef[] }>,
): Promise<RowError[]> {
  const errors: RowError[] = [];
  for (const { row, input } of cases) {
    const category = categories.get(input.category);
    if (category && category.kind !== input.kind) {
      errors.push({
        field: `rows.${row}.category`,
        message: `${input.category} is a ${category.kind} category`,
      });
    }
    for (const p of attributeProblems(category?.attributes ?? [], input.attributes)) {
      errors.push({ field: `rows.${row}.${p.field.replace(/^body\./, '')}`, message: p.message });
    }
    const gridCode =
      input.gridCode ?? (input.location ? await gridAt(ctx, input.location.lon, input.location.lat) : null);
    const place = gridCode ? await placeOf(ctx, gridCode) : undefined;
    if (!place) {
      errors.push(
        input.gridCode
          ? { field: `rows.${row}.gridCode`, message: `no active grid ${input.gridCode}` }
          : { field: `rows.${row}.lon`, message: 'the point is outside the city' },
      );
    } else if (!actor.regionPaths.some((p) => place.regionPath.startsWith(p))) {
      errors.push({ field: `rows.${row}.gridCode`, message: 'outside your area' });
    }
  }
  return errors;
}

function refuse(errors: RowError[], rows: number): never {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN);
  throw new Problem(
    422,
    'Unprocessable Content',
    `${errors.length} problem(s) in the file; nothing was imported`,
    shown,
    { rows, errorCount: errors.length },
  );
}

/**
 * Import cases from a CSV or Excel file: every row is read and checked first (columns, kind,
 * category, attributes, place, the importer's area); one bad row refuses the whole file with
 * every row error listed and nothing made. Then each row goes through intake (channel
 * 'import') with an idempotency key made of the file's hash and the row number, so sending the
 * same file again never makes a case twice.
 */
export async function importCases(
  ctx: AppContext,
  actor: Actor,
  data: Buffer,
  options: { dryRun: boolean },
): Promise<ImportResult> {
  if (!actor.roles.some((r) => (IMPORTERS as readonly string[]).includes(r))) {
    throw forbidden(`needs one of the roles: ${IMPORTERS.join(', ')}`);
  }
  const table = await readTable(data);
  const [header = [], ...rows] = table;
  if (rows.length > MAX_IMPORT_ROWS)
    refuse([{ field: 'body.file', message: `at most ${MAX_IMPORT_ROWS} rows` }], rows.length);
  const categoryRows = await ctx.db
    .selectFrom('case_category')
    .select(['code', 'kind', 'attributes', 'parent_code'])
    .where('retired_at', 'is', null)
    .where('parent_code', 'is not', null)
    .execute();
  const categories = new Map(
    categoryRows.map((c) => [c.code, { kind: c.kind as string, attributes: c.attributes as AttributeDef[] }]),
  );
  const { cases, errors } = readRows(header, rows, (code) => categories.get(code)?.attributes);
  errors.push(...(await placeAndAttributeErrors(ctx, actor, cases, categories)));
  if (errors.length === 0 && cases.length === 0)
    errors.push({ field: 'body.file', message: 'no rows to import' });
  if (errors.length) refuse(errors, rows.length);
  const result: ImportResult = {
    rows: cases.length,
    created: 0,
    existing: 0,
    dryRun: options.dryRun,
    cases: [],
  };
  if (options.dryRun) return result;
  const fileHash = createHash('sha256').update(data).digest('hex').slice(0, 32);
  for (const c of cases) {
    const made = await intakeCase(ctx, actor, c.input, { idempotencyKey: `import:${fileHash}:${c.row}` });
    if (made.created) result.created++;
    else result.existing++;
    result.cases.push({ row: c.row, id: made.caseId, number: made.number });
  }
  return result;
}
