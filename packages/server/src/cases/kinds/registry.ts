import { type Expression, type SqlBool, sql } from 'kysely';
import type { TSchema } from 'typebox';
import type { Actor } from '../../identity/index.ts';
import { CASE_ACTIONS, type Capacity, type CaseState, isCaseState } from '../domain/state-machine.ts';
import type { CaseKind } from '../tables.ts';
import type { CaseKindDefinition, KindActionRule, KindDeadline, KindSeenRow } from './contract.ts';

const ACTION_NAME = /^([a-z]+)\.[a-z][a-z0-9_]*$/;

export interface RegisteredAction {
  name: string;
  kind: CaseKind;
  rule: KindActionRule;
}

/**
 * The kinds registered on the engine (`ctx.services.caseKinds`). Modules register theirs in
 * `start`, before routes are built, so the action route's schema and the OpenAPI document list
 * their actions. Registration checks the definition and refuses a clash.
 */
export class CaseKindRegistry {
  private readonly kinds = new Map<CaseKind, CaseKindDefinition>();
  private readonly actions = new Map<string, RegisteredAction>();

  register(def: CaseKindDefinition): void {
    const problems = definitionProblems(def, this.kinds, this.actions);
    if (problems.length) throw new Error(`case kind ${def.kind}: ${problems.join('; ')}`);
    this.kinds.set(def.kind, def);
    for (const [name, rule] of Object.entries(def.actions))
      this.actions.set(name, { name, kind: def.kind, rule });
  }

  /** The registered definition of a kind, if any. */
  kind(kind: string): CaseKindDefinition | undefined {
    return this.kinds.get(kind as CaseKind);
  }

  list(): CaseKindDefinition[] {
    return [...this.kinds.values()];
  }

  /** A registered kind action by its name (`dispute.record_session`). */
  action(name: string): RegisteredAction | undefined {
    return this.actions.get(name);
  }

  actionNames(): string[] {
    return [...this.actions.keys()];
  }

  /** Every kind action's payload schema by name (beside ACTION_PAYLOADS for the core actions). */
  payloads(): Record<string, TSchema> {
    return Object.fromEntries([...this.actions.values()].map((a) => [a.name, a.rule.payload]));
  }

  /**
   * The kind actions these capacities may take on a case of this kind in this state; given the
   * actor and the case, an action with a `may` rule is offered only when it answers true.
   */
  allowedFor(
    kind: string,
    state: CaseState,
    capacities: Iterable<Capacity>,
    who?: { actor: Actor; regionPath: string | null },
  ): string[] {
    const def = this.kinds.get(kind as CaseKind);
    if (!def) return [];
    const caps = new Set(capacities);
    return Object.entries(def.actions)
      .filter(([, r]) => r.from.includes(state) && r.by.some((c) => caps.has(c)))
      .filter(([, r]) => !r.may || !who || r.may(who.actor, { regionPath: who.regionPath }))
      .map(([name]) => name);
  }

  /** The kinds' `seenBy` relations (case_id, unit_id), one per kind that has one. */
  seenBy(): Expression<KindSeenRow>[] {
    return [...this.kinds.values()].flatMap((k) => (k.seenBy ? [k.seenBy()] : []));
  }

  /**
   * `<caseId> = any(array(…))`: the case is one a kind shows to these units (its `seenBy`);
   * false when no kind has the hook or no unit is given. `caseId` names the case id column.
   */
  seenByUnits(caseId: Expression<unknown>, unitIds: readonly number[], kind?: string): Expression<SqlBool> {
    const one = kind ? this.kinds.get(kind as CaseKind)?.seenBy : undefined;
    const rels = kind ? (one ? [one()] : []) : this.seenBy();
    if (rels.length === 0 || unitIds.length === 0) return sql<SqlBool>`false`;
    const ids = sql.join(unitIds.map((u) => sql`${u}`));
    return sql<SqlBool>`(${sql.join(
      rels.map(
        (r) => sql`${caseId} = any(array(select k.case_id from (${r}) k where k.unit_id in (${ids})))`,
      ),
      sql` or `,
    )})`;
  }

  /** The kind's deadlines an action starts or stops. */
  deadlinesTouchedBy(kind: string, action: string): { started: KindDeadline[]; stopped: KindDeadline[] } {
    const all = this.kinds.get(kind as CaseKind)?.deadlines ?? [];
    return {
      started: all.filter((d) => d.startedBy.includes(action)),
      stopped: all.filter((d) => d.stoppedBy.includes(action)),
    };
  }
}

/** What is wrong with a definition (empty when it may be registered). Pure. */
export function definitionProblems(
  def: CaseKindDefinition,
  kinds: ReadonlyMap<string, CaseKindDefinition> = new Map(),
  actions: ReadonlyMap<string, RegisteredAction> = new Map(),
): string[] {
  const problems: string[] = [];
  if (kinds.has(def.kind)) problems.push(`already registered by ${kinds.get(def.kind)?.module}`);
  for (const [name, rule] of Object.entries(def.actions)) {
    const m = ACTION_NAME.exec(name);
    if (!m || m[1] !== def.kind) problems.push(`action ${name} must be named ${def.kind}.<verb>`);
    if ((CASE_ACTIONS as readonly string[]).includes(name) || actions.has(name))
      problems.push(`action ${name} already exists`);
    if (rule.from.length === 0) problems.push(`action ${name} lists no state it may be taken in`);
    for (const s of rule.from) if (!isCaseState(s)) problems.push(`action ${name}: unknown state ${s}`);
    if (rule.to !== 'same' && !isCaseState(rule.to))
      problems.push(`action ${name}: unknown state ${rule.to}`);
    if (rule.by.length === 0) problems.push(`action ${name} names nobody who may take it`);
  }
  const names = new Set<string>();
  for (const d of def.deadlines ?? []) {
    if (names.has(d.name)) problems.push(`deadline ${d.name} is named twice`);
    names.add(d.name);
    for (const a of [...d.startedBy, ...d.stoppedBy])
      if (!(a in def.actions) && !(CASE_ACTIONS as readonly string[]).includes(a))
        problems.push(`deadline ${d.name}: unknown action ${a}`);
    if (!(d.limit.value > 0)) problems.push(`deadline ${d.name}: the limit must be positive`);
  }
  return problems;
}
