import type { AppContext } from '../../context.ts';
import { Problem } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import type { SheetRow } from '../../lib/spreadsheet.ts';
import { assertCityCategoryAdmin } from '../categories/category-sheet.ts';
import { isIsoDate } from '../domain/calendar.ts';

export const CALENDAR_COLUMNS = ['day', 'kind', 'name_zh', 'name_en'] as const;

/**
 * A year's working calendar from a sheet (the State Council's yearly schedule: public holidays
 * `off`, make-up working days `work`): the year's days are replaced by the sheet's, as published
 * (no longer provisional). Every row checked first; any problem refuses the sheet (422 listing
 * every row's). One transaction, audited; the calendar in force follows at once.
 */
export async function importCalendarYear(
  ctx: AppContext,
  actor: Actor,
  year: number,
  sheet: { columns: string[]; rows: SheetRow[] },
  options: { dryRun?: boolean; ip?: string } = {},
): Promise<{ year: number; off: number; work: number; replaced: number; dryRun: boolean }> {
  assertCityCategoryAdmin(actor);
  const problems: { row: number; column: string | null; message: string }[] = [];
  for (const c of CALENDAR_COLUMNS)
    if (!sheet.columns.includes(c))
      problems.push({ row: 1, column: c, message: `the header lacks the column ${c}` });
  const seen = new Map<string, number>();
  const days: { day: string; kind: 'off' | 'work'; name_zh: string; name_en: string }[] = [];
  if (!problems.length && sheet.rows.length === 0)
    problems.push({ row: 2, column: null, message: 'the sheet has no rows' });
  for (const { row, cells } of problems.length ? [] : sheet.rows) {
    const before = problems.length;
    const bad = (column: string, message: string) => problems.push({ row, column, message });
    const day = cells.day ?? '';
    if (!isIsoDate(day)) bad('day', `"${day}" is not a real date, YYYY-MM-DD`);
    else if (!day.startsWith(`${year}-`)) bad('day', `${day} is not in ${year}`);
    else if (seen.has(day)) bad('day', `repeats row ${seen.get(day)}`);
    seen.set(day, row);
    const kind = cells.kind ?? '';
    if (kind !== 'off' && kind !== 'work')
      bad('kind', 'off (a public holiday) or work (a make-up working day)');
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (kind === 'work' && isIsoDate(day) && weekday !== 0 && weekday !== 6)
      bad('kind', `${day} is a weekday: it is a working day already`);
    if (!cells.name_zh || cells.name_zh.length > 100) bad('name_zh', 'must be 1–100 characters');
    if (!cells.name_en || cells.name_en.length > 100) bad('name_en', 'must be 1–100 characters');
    if (problems.length === before)
      days.push({
        day,
        kind: kind as 'off' | 'work',
        name_zh: cells.name_zh as string,
        name_en: cells.name_en as string,
      });
  }
  if (problems.length)
    throw new Problem(
      422,
      'Unprocessable Content',
      `${problems.length} problem(s), first row ${problems[0]?.row}: ${problems[0]?.message} — nothing was imported`,
      problems.slice(0, 500).map((p) => ({
        field: ['file.row', String(p.row), p.column].filter(Boolean).join('.'),
        message: p.message,
      })),
      { refused: problems.length },
    );
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const current = await ctx.db
    .selectFrom('holiday')
    .select('day')
    .where('day', '>=', from)
    .where('day', '<', to)
    .execute();
  const counts = {
    year,
    off: days.filter((d) => d.kind === 'off').length,
    work: days.filter((d) => d.kind === 'work').length,
    replaced: current.length,
  };
  if (options.dryRun) return { ...counts, dryRun: true };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('holiday').where('day', '>=', from).where('day', '<', to).execute();
    await trx
      .insertInto('holiday')
      .values(days.map((d) => ({ ...d, provisional: false })))
      .execute();
    await ctx.services.identity.audit.record(trx, {
      actor,
      action: 'calendar.import',
      objectType: 'calendar',
      objectId: String(year),
      ip: options.ip,
      detail: counts,
    });
  });
  await ctx.services.calendar.refresh();
  return { ...counts, dryRun: false };
}
