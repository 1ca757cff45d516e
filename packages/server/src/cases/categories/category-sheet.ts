import { sql } from 'kysely';
import { Type } from 'typebox';
import Value from 'typebox/value';
import type { AppContext } from '../../context.ts';
import { forbidden, Problem, unauthorized } from '../../http/problem.ts';
import { type Actor, DEPARTMENT_TYPE_CODES, scopeOf } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { type SheetRow, writeWorkbook } from '../../lib/spreadsheet.ts';
import { attributeDefinitionProblems } from '../domain/attributes.ts';
import { type TimeLimits, TimeLimitsSchema, timeLimitsProblems } from '../domain/deadlines.ts';
import { forgetCategories } from '../intake/intake-lookups.ts';
import { KINDS } from '../read/case-routes.ts';
import type { AttributeDef, CaseKind } from '../tables.ts';
import { Attribute } from './category-routes.ts';
import { listCategories } from './category-service.ts';

export const CATEGORY_COLUMNS = [
  'code',
  'kind',
  'parent_code',
  'name_zh',
  'name_en',
  'responsible_unit_type',
  'time_limits',
  'duplicate_radius_m',
  'duplicate_window_hours',
  'attributes',
  'open_to_residents',
  'sort_order',
  'retired',
] as const;
const Attributes = Type.Array(Attribute, { maxItems: 50 });

/** Only a city-wide administrator changes the taxonomy (it is the whole city's). */
export function assertCityCategoryAdmin(actor: Actor): void {
  if (actor.kind !== 'staff') throw unauthorized();
  if (!scopeOf(actor, 'category.manage').citywide)
    throw forbidden('only a city-wide administrator changes categories');
}

/** Every category (retired too) as an Excel workbook: time limits and attributes as JSON cells. */
export async function exportCategorySheet(ctx: AppContext): Promise<Buffer> {
  const all = await listCategories(ctx, { includeRetired: true });
  return writeWorkbook([
    {
      name: 'categories',
      columns: [...CATEGORY_COLUMNS],
      rows: all.map((c) => [
        c.code,
        c.kind,
        c.parentCode,
        c.nameZh,
        c.nameEn,
        c.responsibleUnitType,
        JSON.stringify(c.timeLimits),
        c.duplicateRadiusM,
        c.duplicateWindowHours,
        JSON.stringify(c.attributes),
        c.openToResidents ? 'yes' : 'no',
        c.sortOrder,
        c.retired ? 'yes' : 'no',
      ]),
    },
  ]);
}

interface CategoryRow {
  code: string;
  kind: CaseKind;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  responsible_unit_type: string;
  time_limits: TimeLimits;
  duplicate_radius_m: number;
  duplicate_window_hours: number;
  attributes: AttributeDef[];
  open_to_residents: boolean;
  sort_order: number;
  retired: boolean;
}

type Problem1 = { row: number; column: string; message: string };

function readRow(r: SheetRow, problems: Problem1[]): CategoryRow | null {
  const before = problems.length;
  const c = r.cells;
  const bad = (column: string, message: string) => problems.push({ row: r.row, column, message });
  const json = (column: string) => {
    try {
      return JSON.parse(c[column] || (column === 'attributes' ? '[]' : '{}'));
    } catch {
      bad(column, 'is not valid JSON');
      return undefined;
    }
  };
  const int = (column: string, fallback: number, max: number) => {
    const v = c[column] ?? '';
    if (v === '') return fallback;
    if (!/^\d{1,9}$/.test(v) || Number(v) > max) bad(column, `must be a whole number 0–${max}`);
    return Number(v);
  };
  const yes = (column: string, fallback: boolean) => {
    const v = (c[column] ?? '').toLowerCase();
    if (v === '') return fallback;
    if (['yes', 'true', '1', '是'].includes(v)) return true;
    if (['no', 'false', '0', '否'].includes(v)) return false;
    bad(column, 'must be yes or no');
    return fallback;
  };
  if (!/^[A-Za-z0-9_.-]{1,60}$/.test(c.code ?? '')) bad('code', '1–60 letters, digits, _ . or -');
  if (!(KINDS as readonly string[]).includes(c.kind ?? '')) bad('kind', `one of ${KINDS.join(', ')}`);
  for (const n of ['name_zh', 'name_en'])
    if (!c[n] || (c[n] as string).length > 100) bad(n, 'must be 1–100 characters');
  const type = c.responsible_unit_type || 'centre';
  if (type !== 'centre' && !DEPARTMENT_TYPE_CODES.includes(type))
    bad('responsible_unit_type', `'centre' or one of ${DEPARTMENT_TYPE_CODES.join(', ')}`);
  const limits = json('time_limits');
  if (limits !== undefined) {
    if (!Value.Check(TimeLimitsSchema, limits))
      bad(
        'time_limits',
        'not time limits: {"<level>|default": {"accept"|"handle"|"verify": {"value", "unit"}, "yellow", "red"}}',
      );
    else for (const p of timeLimitsProblems(limits as TimeLimits)) bad(`time_limits.${p.field}`, p.message);
  }
  const attributes = json('attributes');
  if (attributes !== undefined) {
    if (!Value.Check(Attributes, attributes)) bad('attributes', 'not a list of attribute definitions');
    else
      for (const p of attributeDefinitionProblems(attributes as AttributeDef[], 'attributes'))
        bad(p.field, p.message);
  }
  const row: CategoryRow = {
    code: c.code ?? '',
    kind: c.kind as CaseKind,
    parent_code: c.parent_code || null,
    name_zh: c.name_zh ?? '',
    name_en: c.name_en ?? '',
    responsible_unit_type: type,
    time_limits: limits as TimeLimits,
    duplicate_radius_m: int('duplicate_radius_m', 100, 10_000),
    duplicate_window_hours: int('duplicate_window_hours', 72, 24 * 365),
    attributes: attributes as AttributeDef[],
    open_to_residents: yes('open_to_residents', true),
    sort_order: int('sort_order', 0, 100_000),
    retired: yes('retired', false),
  };
  return problems.length > before ? null : row;
}

/**
 * Import categories from a sheet (as exported): new codes are created, existing ones updated.
 * Every row checked first (parents in the file or the database, of the same kind); any problem
 * refuses the sheet (422 listing every row's). One transaction, audited.
 */
export async function importCategorySheet(
  ctx: AppContext,
  actor: Actor,
  sheet: { columns: string[]; rows: SheetRow[] },
  options: { dryRun?: boolean; ip?: string } = {},
): Promise<{ created: number; updated: number; dryRun: boolean }> {
  assertCityCategoryAdmin(actor);
  const problems: Problem1[] = [];
  for (const col of ['code', 'kind', 'name_zh', 'name_en'])
    if (!sheet.columns.includes(col))
      problems.push({ row: 1, column: col, message: `the header lacks the column ${col}` });
  for (const col of sheet.columns)
    if (!(CATEGORY_COLUMNS as readonly string[]).includes(col))
      problems.push({ row: 1, column: col, message: `unknown column "${col}"` });
  const rows = problems.length ? [] : sheet.rows.map((r) => readRow(r, problems));
  const existing = new Map(
    (await ctx.db.selectFrom('case_category').select(['code', 'kind']).execute()).map((r) => [
      r.code,
      r.kind,
    ]),
  );
  const inFile = new Map<string, { kind: string; row: number }>();
  rows.forEach((r, i) => {
    if (!r) return;
    const line = (sheet.rows[i] as SheetRow).row;
    if (inFile.has(r.code))
      problems.push({ row: line, column: 'code', message: `repeats row ${inFile.get(r.code)?.row}` });
    inFile.set(r.code, { kind: r.kind, row: line });
  });
  rows.forEach((r, i) => {
    if (!r) return;
    const line = (sheet.rows[i] as SheetRow).row;
    const old = existing.get(r.code);
    if (old && old !== r.kind)
      problems.push({ row: line, column: 'kind', message: `${r.code} exists as a ${old} category` });
    if (r.parent_code) {
      const parentKind = inFile.get(r.parent_code)?.kind ?? existing.get(r.parent_code);
      if (!parentKind)
        problems.push({ row: line, column: 'parent_code', message: `unknown category ${r.parent_code}` });
      else if (parentKind !== r.kind)
        problems.push({
          row: line,
          column: 'parent_code',
          message: `${r.parent_code} is a ${parentKind} category`,
        });
    }
  });
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    throw new Problem(
      422,
      'Unprocessable Content',
      `${problems.length} problem(s), first row ${problems[0]?.row} ${problems[0]?.column}: ${problems[0]?.message} — nothing was imported`,
      problems.slice(0, 500).map((p) => ({ field: `file.row.${p.row}.${p.column}`, message: p.message })),
      { refused: problems.length },
    );
  }
  const valid = rows as CategoryRow[];
  const created = valid.filter((r) => !existing.has(r.code)).length;
  if (options.dryRun) return { created, updated: valid.length - created, dryRun: true };
  // Parents first, so the foreign key holds whatever the sheet's order.
  const ordered = [...valid].sort((a, b) => Number(a.parent_code !== null) - Number(b.parent_code !== null));
  const now = serverNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    for (const { retired, ...r } of ordered) {
      const values = {
        ...r,
        time_limits: JSON.stringify(r.time_limits),
        attributes: JSON.stringify(r.attributes),
        retired_at: retired ? now : null,
        updated_at: now,
      };
      await trx
        .insertInto('case_category')
        .values(values)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({
            ...values,
            retired_at: retired ? sql`coalesce(case_category.retired_at, now())` : null,
          }),
        )
        .execute();
    }
    await ctx.services.identity.audit.record(trx, {
      actor,
      action: 'category.import',
      objectType: 'case_category',
      ip: options.ip,
      detail: { created, updated: valid.length - created, codes: valid.map((r) => r.code).slice(0, 300) },
    });
  });
  forgetCategories(ctx);
  return { created, updated: valid.length - created, dryRun: false };
}
