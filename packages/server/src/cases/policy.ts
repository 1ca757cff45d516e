import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../identity/index.ts';
import { scopeOf } from '../identity/index.ts';
import type { CaseKindRegistry } from './kinds/registry.ts';
import type { CaseRow } from './workflow/case-history.ts';

/**
 * Which cases an actor may see: staff see cases in their region subtrees and cases assigned,
 * coordinated, summoned or copied to their units, or shown to their units by the case's kind
 * (its `seenBy`, e.g. a dispute to the mediation organisation holding it); everybody sees the
 * cases they reported; residents see only those. Outside this scope a case does not exist (404,
 * never counted).
 */
export interface CaseScope {
  regionPaths: string[];
  unitIds: number[];
  userId: number | null;
  /** The registered kinds, for the cases they show to units (`seenBy`). */
  kinds: Pick<CaseKindRegistry, 'seenByUnits'>;
}

export function caseScopeOf(actor: Actor, kinds: Pick<CaseKindRegistry, 'seenByUnits'>): CaseScope {
  const scope = scopeOf(actor, 'case.read');
  return { regionPaths: scope.regionPaths, unitIds: scope.unitIds, userId: actor.userId, kinds };
}

export function isEmptyScope(s: CaseScope): boolean {
  return s.regionPaths.length === 0 && s.unitIds.length === 0 && s.userId === null;
}

/** The SQL condition on `cases` for the scope (use with `.where((eb) => visibleTo(eb, scope))`). */
export function visibleTo(eb: ExpressionBuilder<DB, 'cases'>, s: CaseScope): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = s.regionPaths.map((p) => eb('cases.region_path', 'like', `${p}%`));
  if (s.unitIds.length) {
    ors.push(eb('cases.current_unit_id', 'in', s.unitIds));
    ors.push(eb('cases.centre_unit_id', 'in', s.unitIds));
    // `id = any(array(…))`, not `id in (…)`: an array is an index condition the planner can OR
    // with the others (a bitmap per branch); an `in (subquery)` inside an OR filters every row
    const summoned = eb
      .selectFrom('case_summons')
      .select('case_summons.case_id')
      .where('case_summons.unit_id', 'in', s.unitIds);
    const copied = eb
      .selectFrom('case_copy')
      .select('case_copy.case_id')
      .where('case_copy.unit_id', 'in', s.unitIds);
    ors.push(sql<SqlBool>`cases.id = any(array(${summoned}))`);
    ors.push(sql<SqlBool>`cases.id = any(array(${copied}))`);
    const byKind = s.kinds.seenByUnits(sql.ref('cases.id'), s.unitIds);
    ors.push(byKind);
  }
  if (s.userId !== null) ors.push(eb('cases.reporter_user_id', '=', s.userId));
  return ors.length ? eb.or(ors) : eb.val(false);
}

/** May the actor see this case? `relatedUnitIds` are the units summoned or copied to it or shown it by its kind. */
export function canSee(s: CaseScope, row: CaseRow, relatedUnitIds: readonly number[]): boolean {
  if (s.userId !== null && row.reporter_user_id === s.userId) return true;
  if (row.region_path && s.regionPaths.some((p) => row.region_path?.startsWith(p))) return true;
  const units = [row.current_unit_id, row.centre_unit_id, ...relatedUnitIds];
  return units.some((u) => u !== null && s.unitIds.includes(u));
}
