import type { AppContext } from '../../context.ts';
import { forbidden, Problem } from '../../http/problem.ts';
import { type Actor, can, DEPARTMENT_TYPE_CODES } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { forgetCategories } from '../intake/intake-lookups.ts';
import {
  ROUTING_LEVELS,
  type RoutingLevel,
  type RoutingRule,
  rulesOf,
  type SkipRule,
  toRule,
} from '../routing.ts';

/** The unit types a rule may name: a governance centre or a functional department's type. */
export const UNIT_TYPES: readonly string[] = ['centre', ...DEPARTMENT_TYPE_CODES];

/** A rule as the API answers it (time as ISO text). */
export type RoutingRuleView = Omit<RoutingRule, 'updatedAt'> & { updatedAt: string | null };
const view = (r: RoutingRule): RoutingRuleView => ({ ...r, updatedAt: r.updatedAt?.toISOString() ?? null });

export interface RoutingRuleRow extends RoutingRuleView {
  kind: string;
  nameZh: string;
  nameEn: string;
}

/** Every active category's rule at each level (its defaults where none is written), in the categories' order. */
export async function listRoutingRules(ctx: AppContext): Promise<RoutingRuleRow[]> {
  const categories = await ctx.db
    .selectFrom('case_category')
    .select(['code', 'kind', 'name_zh', 'name_en', 'responsible_unit_type'])
    .where('parent_code', 'is not', null)
    .where('retired_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const rows: RoutingRuleRow[] = [];
  for (const c of categories) {
    const rules = await rulesOf(ctx, c);
    for (const level of ROUTING_LEVELS)
      rows.push({ ...view(rules[level]), kind: c.kind, nameZh: c.name_zh, nameEn: c.name_en });
  }
  return rows;
}

export interface RoutingRuleChange {
  unitType: string;
  fallbackUnitType: string;
  skipEscalation: SkipRule;
}

/**
 * A city administrator sets one category's rule at one level (checked whole first: 422 naming
 * each unknown field; one transaction with its audit entry, who and when). The next intake routes
 * by it: the process forgets the table at once.
 */
export async function putRoutingRule(
  ctx: AppContext,
  actor: Actor,
  categoryCode: string,
  level: RoutingLevel,
  change: RoutingRuleChange,
): Promise<RoutingRuleView> {
  // routing decides where every district's cases go: the city administrator only
  if (!can(actor, 'category.manage'))
    throw forbidden('only a city administrator edits routing: it applies to every district');
  const category = await ctx.db
    .selectFrom('case_category')
    .select(['code', 'kind', 'parent_code', 'retired_at'])
    .where('code', '=', categoryCode)
    .executeTakeFirst();
  const problems: { field: string; message: string }[] = [];
  if (!category || category.parent_code === null || category.retired_at !== null)
    problems.push({ field: 'params.categoryCode', message: `no active category ${categoryCode}` });
  for (const field of ['unitType', 'fallbackUnitType'] as const)
    if (!UNIT_TYPES.includes(change[field]))
      problems.push({ field: `body.${field}`, message: `must be one of: ${UNIT_TYPES.join(', ')}` });
  if (problems.length)
    throw new Problem(
      422,
      'Unprocessable Content',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  const now = serverNow(ctx);
  const values = {
    unit_type: change.unitType,
    fallback_unit_type: change.fallbackUnitType,
    skip_escalation: change.skipEscalation,
    updated_at: now,
    updated_by: actor.userId ?? null,
  };
  const rule = await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('case_routing_rule')
      .selectAll()
      .where('category_code', '=', categoryCode)
      .where('level', '=', level)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('case_routing_rule')
      .values({ category_code: categoryCode, level, ...values })
      .onConflict((oc) => oc.columns(['category_code', 'level']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.services.identity.audit.record(trx, {
      actor,
      action: 'routing.update',
      objectType: 'case_routing_rule',
      objectId: `${categoryCode}/${level}`,
      detail: {
        before: before
          ? {
              unitType: before.unit_type,
              fallbackUnitType: before.fallback_unit_type,
              skipEscalation: before.skip_escalation,
            }
          : null,
        after: { ...change },
      },
    });
    return view(toRule(row));
  });
  forgetCategories(ctx);
  ctx.log.info(
    { categoryCode, level, ...change, by: actor.userId, at: now.toISOString() },
    'routing rule changed',
  );
  return rule;
}
