import type { Expression, Kysely, Transaction } from 'kysely';
import type { Static, TSchema } from 'typebox';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import type { WorkingCalendar } from '../domain/calendar.ts';
import type { TimeLimit } from '../domain/deadlines.ts';
import type { Capacity, CaseState } from '../domain/state-machine.ts';
import type { CaseKind } from '../tables.ts';

/**
 * The case-kind extension contract (see CONTRIBUTING.md, "Case-kind extension contract"): a
 * module (disputes, inspections, …) extends the one case engine for its kind by registering
 * its data, actions, deadlines and figures; it never forks the workflow. Types only.
 */

/** What a kind's action sees of the case (the row locked for the action's transaction). */
export interface KindCase {
  id: number;
  number: string;
  cityCode: string;
  districtCode: string;
  kind: CaseKind;
  categoryCode: string;
  status: CaseState;
  regionPath: string | null;
  currentUnitId: number | null;
  centreUnitId: number | null;
  reportedAt: Date;
}

export interface KindActionInput<P> {
  /** The action's transaction: write the kind's own tables here (never another connection). */
  trx: Transaction<DB>;
  case: KindCase;
  payload: P;
  actor: Actor;
  /** The unit the actor acts for (history's actor_unit_id). */
  actorUnitId: number | null;
  now: Date;
  calendar: WorkingCalendar;
}

export interface KindEffect {
  /** Facts added to the history row's payload (ids created, names resolved). */
  detail?: Record<string, unknown>;
  /** Units concerned by the event (beyond the current and coordinating units). */
  relatedUnitIds?: number[];
}

/**
 * One row of a kind's action table: the states it may be taken in, the state it leads to
 * ('same' keeps it) and the capacities (state-machine.ts) that may take it.
 */
export interface KindActionRule<S extends TSchema = TSchema> {
  payload: S;
  from: readonly CaseState[];
  to: CaseState | 'same';
  by: readonly Capacity[];
  /**
   * Who is offered the action beyond the capacities (optional): a policy right the kind checks
   * again in `apply` (e.g. an inspector of the case's area re-checks a hazard). The case's
   * `allowedActions` lists the action only when this answers true.
   */
  may?(actor: Actor, c: { regionPath: string | null }): boolean;
  /**
   * Inside the action's transaction, after the table allowed it: check what a schema cannot
   * (throw a Problem: 409/422 naming `body.payload.<field>`) and write the kind's tables.
   */
  apply?(input: KindActionInput<Static<S>>): Promise<KindEffect | undefined>;
  /** What the action adds to the kind's figures (summed per case, region and day). */
  figures?(payload: Static<S>): Record<string, number>;
}

/** A kind's own deadline (e.g. a mediation agreement's 30-day window for judicial confirmation). */
export interface KindDeadline {
  /** Unique within the kind: `judicial_confirmation`. */
  name: string;
  /** Actions that start it (again, from the action's time). */
  startedBy: readonly string[];
  /** Actions that meet it (it stops, on time or late). */
  stoppedBy: readonly string[];
  limit: TimeLimit;
  /** Fraction of the limit after which it shows a yellow card (default 0.8). */
  yellow?: number;
}

/** One row of a kind's `seenBy` relation: this unit sees that case (and acts on it as its table allows). */
export interface KindSeenRow {
  case_id: unknown;
  unit_id: unknown;
}

/** What a kind's intake part sees: the new case, just written in the intake's transaction. */
export interface KindIntakeInput<D> {
  trx: Transaction<DB>;
  case: KindCase;
  /** The kind's own data given with the new case (`IntakeInput.kindData`), checked by its module. */
  data: D;
  actor: Actor;
  now: Date;
}

/** What a kind's `afterAction` sees: any action on a case of the kind, the case as it now is. */
export interface KindAfterActionInput {
  trx: Transaction<DB>;
  /** The case after the action (its new state). */
  case: KindCase;
  action: string;
  fromStatus: CaseState;
  payload: Record<string, unknown>;
  actor: Actor;
  now: Date;
}

/**
 * A kind's part of intake: writes the kind's own tables for a new case inside the intake's
 * transaction, so a case and its kind's data are made together or not at all (a throw here
 * refuses the case). Called for a new case of the kind that carries `kindData`.
 */
export interface KindIntake<D = Record<string, unknown>> {
  apply(input: KindIntakeInput<D>): Promise<KindEffect | undefined>;
}

export interface CaseKindDefinition {
  /** The case kind this extends (cases.kind, case_category.kind). */
  kind: CaseKind;
  /** The module that registers it (for the registry's listing). */
  module: string;
  /** Its own tables, each with (city_code, case_id) joining it to the case. */
  tables: readonly string[];
  /** Its actions, named `<kind>.<verb>`: one readable table. */
  actions: Readonly<Record<string, KindActionRule>>;
  deadlines?: readonly KindDeadline[];
  /** The kind's part of intake (its tables written with the new case, in the same transaction). */
  intake?: KindIntake;
  /**
   * Called for every action on a case of the kind (core or the kind's own), inside the action's
   * transaction once the case row is written: keeps the kind's own rows in step with the case
   * (e.g. a hazard's status is derived from its case's state). A throw rolls the action back.
   */
  afterAction?(input: KindAfterActionInput): Promise<void>;
  /**
   * Units that see a case of the kind and may act on it beyond those the engine knows (the case's
   * region, its handling and coordinating units, units summoned or copied): a relation of
   * (case_id, unit_id) over the kind's tables, e.g. disputes: the unit of the mediation
   * organisation holding the dispute. The one case policy (cases/policy.ts) reads it for every
   * case page, action and list, so a post at such a unit sees the case (as an `observer` unless
   * it stands in another relation; the kind's action table says what it may do). Build it with
   * `expressionBuilder<DB, never>().selectFrom(…)` and keep it a join on keys: it runs inside the
   * action's one read (`where case_id = …`) and as an index condition of lists
   * (`where unit_id in (…)`).
   */
  seenBy?(): Expression<KindSeenRow>;
  /** The kind's data shown with the case (case detail's `kindData`), read with the caller's database. */
  detail?(db: Kysely<DB>, c: { id: number; cityCode: string }): Promise<Record<string, unknown>>;
}

/** Helper for modules: a typed intake part (the data's type flows into `apply`). */
export function kindIntake<D>(intake: KindIntake<D>): KindIntake {
  return intake as unknown as KindIntake;
}

/** Helper for modules: a typed action rule (payload type flows into `apply` and `figures`). */
export function kindAction<S extends TSchema>(rule: KindActionRule<S>): KindActionRule {
  return rule as unknown as KindActionRule;
}
