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
}

/** The whole file is refused: which line, which column, why. */
function rowRefused(problem: RowProblem): Problem {
  const field = ['body', 'line', String(problem.line), problem.column].filter(Boolean).join('.');
  return new Problem(
    422,
    'Unprocessable Content',
    `line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}: ${problem.message} — nothing was imported`,
    [{ field, message: problem.message }],
    { line: problem.line, column: problem.column, reason: problem.message },
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
 * One bad line refuses the whole file (422 naming the line); otherwise one transaction.
 */
export async function importDivisions(
  ctx: AppContext,
  actor: Actor,
  csv: string,
): Promise<DivisionsImportResult> {
  const parsed = parseDivisionsCsv(csv, ctx.config.gridCodeWidth);
  if (!parsed.ok) throw rowRefused(parsed.problem);
  const codes = [...new Set(parsed.rows.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code])))];
  const known = await knownRegions(ctx, codes);
  const result = planDivisionsImport(parsed.rows, known);
  if (!result.ok) throw rowRefused(result.problem);
  const { plan } = result;
  const lineOf = new Map(parsed.rows.map((r) => [r.code, r.line]));
  for (const c of plan.creates) assertMayManage(actor, c.path, `line ${lineOf.get(c.code)} (${c.code})`);
  for (const u of plan.updates)
    assertMayManage(actor, known.get(u.code)?.path ?? '', `line ${lineOf.get(u.code)} (${u.code})`);
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
  return { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged };
}
