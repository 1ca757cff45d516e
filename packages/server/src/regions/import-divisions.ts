import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { Problem } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { parseDivisionsCsv, type RowProblem } from './domain/divisions-csv.ts';
import { type KnownRegion, planDivisionsImport } from './domain/divisions-plan.ts';
import { assertMayManage } from './service-access.ts';

const CHUNK = 500;

export interface DivisionsImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** True when the file was only checked (nothing written). */
  dryRun: boolean;
}

/** At most this many lines' problems are listed (a wholly wrong file would list every line). */
const MAX_LISTED = 500;

/**
 * The whole file is refused: every bad line, which column, why (`errors`, in line order); the
 * first one also as `line`, `column` and `reason`.
 */
export function rowsRefused(problems: RowProblem[], prefix = 'body.line'): Problem {
  const [first] = problems as [RowProblem];
  const where = (p: RowProblem) => `line ${p.line}${p.column ? `, column ${p.column}` : ''}`;
  return new Problem(
    422,
    'Unprocessable Content',
    `${problems.length} line(s) refused, first ${where(first)}: ${first.message} — nothing was imported`,
    problems.slice(0, MAX_LISTED).map((p) => ({
      field: [prefix, String(p.line), p.column].filter(Boolean).join('.'),
      message: p.message,
    })),
    { line: first.line, column: first.column, reason: first.message, refused: problems.length },
  );
}

async function knownRegions(ctx: AppContext, codes: string[]): Promise<Map<string, KnownRegion>> {
  const known = new Map<string, KnownRegion>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await ctx.db
      .selectFrom('region')
      .select([
        'code',
        'level',
        'parent_code',
        'path',
        'retired_at',
        'name',
        'households',
        'population',
        'grid_kind',
        'dedicated_type',
      ])
      .where('code', 'in', codes.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      known.set(r.code, {
        code: r.code,
        level: r.level,
        parentCode: r.parent_code,
        path: r.path,
        retired: r.retired_at !== null,
        name: r.name,
        households: r.households,
        population: r.population,
        gridKind: r.grid_kind,
        dedicatedType: r.dedicated_type,
      });
  }
  return known;
}

/**
 * Import a divisions CSV (code,name,level,parent_code[,households,population,grid_kind,
 * dedicated_type]): new regions are created, existing ones get the file's names and figures.
 * Any bad line refuses the whole file (422 listing every bad line); otherwise one transaction.
 */
export async function importDivisions(
  ctx: AppContext,
  actor: Actor,
  csv: string,
  options: { dryRun?: boolean; errorPrefix?: string } = {},
): Promise<DivisionsImportResult> {
  const prefix = options.errorPrefix ?? 'body.line';
  const parsed = parseDivisionsCsv(csv, ctx.config.gridCodeWidth);
  const codes = [...new Set(parsed.rows.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code])))];
  const known = await knownRegions(ctx, codes);
  const result = planDivisionsImport(parsed.rows, known);
  // Every line's problem at once: the lines that cannot be read and those that do not fit the tree.
  const problems = [...(parsed.ok ? [] : parsed.problems), ...(result.ok ? [] : result.problems)];
  if (!parsed.ok || !result.ok)
    throw rowsRefused(
      problems.sort((a, b) => a.line - b.line),
      prefix,
    );
  const { plan } = result;
  const lineOf = new Map(parsed.rows.map((r) => [r.code, r.line]));
  for (const c of plan.creates) assertMayManage(actor, c.path, `line ${lineOf.get(c.code)} (${c.code})`);
  for (const u of plan.updates)
    assertMayManage(actor, known.get(u.code)?.path ?? '', `line ${lineOf.get(u.code)} (${u.code})`);
  const counts = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged };
  if (options.dryRun) return { ...counts, dryRun: true };
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < plan.creates.length; i += CHUNK) {
      const chunk = plan.creates.slice(i, i + CHUNK);
      await trx
        .insertInto('region')
        .values(
          chunk.map((c) => ({
            code: c.code,
            parent_code: c.parentCode,
            level: c.level,
            name: c.name,
            path: c.path,
            depth: c.depth,
            grid_kind: c.gridKind,
            dedicated_type: c.dedicatedType,
            households: c.households,
            population: c.population,
          })),
        )
        .execute();
      await trx
        .insertInto('region_history')
        .values(
          chunk.map((c) => ({
            region_code: c.code,
            action: 'import',
            payload: JSON.stringify({ line: lineOf.get(c.code), name: c.name, parentCode: c.parentCode }),
            actor_id: actor.userId,
          })),
        )
        .execute();
    }
    for (const u of plan.updates) {
      await trx
        .updateTable('region')
        .set({
          ...(u.after.name !== undefined ? { name: u.after.name } : {}),
          ...(u.after.households !== undefined ? { households: u.after.households } : {}),
          ...(u.after.population !== undefined ? { population: u.after.population } : {}),
          ...(u.after.gridKind !== undefined ? { grid_kind: u.after.gridKind } : {}),
          ...(u.after.dedicatedType !== undefined ? { dedicated_type: u.after.dedicatedType } : {}),
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('code', '=', u.code)
        .execute();
    }
    if (plan.updates.length)
      await trx
        .insertInto('region_history')
        .values(
          plan.updates.map((u) => ({
            region_code: u.code,
            action: 'update',
            payload: JSON.stringify({
              source: 'import',
              line: lineOf.get(u.code),
              before: u.before,
              after: u.after,
            }),
            actor_id: actor.userId,
          })),
        )
        .execute();
  });
  return { ...counts, dryRun: false };
}
