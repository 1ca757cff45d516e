import type { AppContext } from '../context.ts';
import type { Unit } from '../identity/index.ts';
import type { CasePlace } from './intake/case-places.ts';
import { cachedRouting, routedUnit } from './intake/intake-lookups.ts';
import type { CaseKind, CasePriority } from './tables.ts';

/**
 * Where a case goes, as data a city administrator edits (table `case_routing_rule`, migration
 * 0333; `PUT /api/v1/routing-rules/{category}/{level}`): for each category and unit level,
 *  - `unitType`: the unit type ('centre' or a department type) that takes a new case at that
 *    level. Intake walks the place's regions from the community up and takes, at the first
 *    level where one exists, the unit of that level's type there;
 *  - `fallbackUnitType`: when no level has such a unit, the same walk with these types; when
 *    that finds nothing either, the nearest governance centre;
 *  - `skipEscalation`: whether a case held at that level may escalate past the direct parent
 *    centre ('never', 'urgent': only an urgent case, 'always').
 * The defaults (written for every category when it is created) are the category's responsible
 * unit type at every level, the nearest centre as fallback, and a skip for incidents and urgent
 * cases. A change takes effect for the next intake: the table is read through the categories'
 * cache, read afresh whenever the routing version moved (migration 0334: one small read per use,
 * shared by concurrent intakes), so a change made through any server process applies to the next
 * report in every other.
 */
export const ROUTING_LEVELS = ['community', 'street', 'district', 'city'] as const;
export type RoutingLevel = (typeof ROUTING_LEVELS)[number];
export const SKIP_RULES = ['never', 'urgent', 'always'] as const;
export type SkipRule = (typeof SKIP_RULES)[number];

export interface RoutingRule {
  categoryCode: string;
  level: RoutingLevel;
  unitType: string;
  fallbackUnitType: string;
  skipEscalation: SkipRule;
  updatedAt: Date | null;
  updatedBy: number | null;
}

/** The depth of a level's region in a path ('city/district/street/community/grid/'). */
const DEPTH: Record<RoutingLevel, number> = { city: 1, district: 2, street: 3, community: 4 };

/** Before routing was data, and for a category with no rules: incidents skip always, others when urgent. */
export const defaultSkip = (kind: CaseKind): SkipRule => (kind === 'incident' ? 'always' : 'urgent');

/** The rule a category has when nothing was written for it (equal to the migration's defaults). */
export function defaultRule(
  category: { code: string; kind: CaseKind; responsible_unit_type: string },
  level: RoutingLevel,
): RoutingRule {
  return {
    categoryCode: category.code,
    level,
    unitType: category.responsible_unit_type,
    fallbackUnitType: 'centre',
    skipEscalation: defaultSkip(category.kind),
    updatedAt: null,
    updatedBy: null,
  };
}

/** Escalation goes to the direct parent centre; a skip only where the rule of the case's level allows. */
export function maySkip(rule: SkipRule, priority: CasePriority): boolean {
  return rule === 'always' || (rule === 'urgent' && priority === 'urgent');
}

export const toRule = (r: {
  category_code: string;
  level: RoutingLevel;
  unit_type: string;
  fallback_unit_type: string;
  skip_escalation: SkipRule;
  updated_at: Date;
  updated_by: number | null;
}): RoutingRule => ({
  categoryCode: r.category_code,
  level: r.level,
  unitType: r.unit_type,
  fallbackUnitType: r.fallback_unit_type,
  skipEscalation: r.skip_escalation,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by === null ? null : Number(r.updated_by),
});

type RoutingTable = Map<string, Map<RoutingLevel, RoutingRule>>;

async function loadTable(ctx: AppContext): Promise<RoutingTable> {
  const rows = await ctx.db.selectFrom('case_routing_rule').selectAll().execute();
  const table: RoutingTable = new Map();
  for (const r of rows as Parameters<typeof toRule>[0][]) {
    const rule = toRule(r);
    const levels = table.get(rule.categoryCode) ?? new Map<RoutingLevel, RoutingRule>();
    levels.set(rule.level, rule);
    table.set(rule.categoryCode, levels);
  }
  return table;
}

/** A category's rule at each level (its defaults where none is written). */
export async function rulesOf(
  ctx: AppContext,
  category: { code: string; kind: CaseKind; responsible_unit_type: string },
  version?: number,
): Promise<Record<RoutingLevel, RoutingRule>> {
  const table = await cachedRouting(ctx, () => loadTable(ctx), version);
  const levels = table.get(category.code);
  return Object.fromEntries(
    ROUTING_LEVELS.map((l) => [l, levels?.get(l) ?? defaultRule(category, l)]),
  ) as Record<RoutingLevel, RoutingRule>;
}

/** The first unit, walking the place's regions up, of the type its level names. */
async function firstByLevel(
  ctx: AppContext,
  types: Record<RoutingLevel, string>,
  place: CasePlace,
): Promise<Unit | undefined> {
  const distinct = new Set(Object.values(types));
  // one type at every level (the defaults): the nearest unit of that type
  if (distinct.size === 1) return routedUnit(ctx, [...distinct][0] as string, place);
  const segments = place.regionPath.split('/').filter(Boolean);
  for (const level of ROUTING_LEVELS) {
    const depth = DEPTH[level];
    if (segments.length < depth) continue;
    const path = `${segments.slice(0, depth).join('/')}/`;
    const unit = await ctx.services.identity.responsibleUnit(types[level], path);
    if (unit && unit.regionPath === path) return unit;
  }
  return undefined;
}

/**
 * The first responsible unit of a new case of this category at this place, or undefined when
 * neither the rules nor their fallbacks find one (intake then takes the nearest centre).
 */
export async function routeNewCase(
  ctx: AppContext,
  category: { code: string; kind: CaseKind; responsible_unit_type: string },
  place: CasePlace,
  /** The routing version the caller read its category at (syncRouting); read afresh when absent. */
  version?: number,
): Promise<Unit | undefined> {
  const rules = await rulesOf(ctx, category, version);
  const pick = (f: (r: RoutingRule) => string) =>
    Object.fromEntries(ROUTING_LEVELS.map((l) => [l, f(rules[l])])) as Record<RoutingLevel, string>;
  return (
    (await firstByLevel(
      ctx,
      pick((r) => r.unitType),
      place,
    )) ??
    (await firstByLevel(
      ctx,
      pick((r) => r.fallbackUnitType),
      place,
    ))
  );
}

/** May a case of this category and priority, held at a unit of this level, skip a level upwards? */
export async function maySkipLevel(
  ctx: AppContext,
  c: { category_code: string; kind: CaseKind; priority: CasePriority },
  level: string,
): Promise<boolean> {
  if (!(ROUTING_LEVELS as readonly string[]).includes(level)) return maySkip(defaultSkip(c.kind), c.priority);
  const table = await cachedRouting(ctx, () => loadTable(ctx));
  const rule = table.get(c.category_code)?.get(level as RoutingLevel);
  return maySkip(rule?.skipEscalation ?? defaultSkip(c.kind), c.priority);
}
