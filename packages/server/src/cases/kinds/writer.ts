import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import type { WorkingCalendar } from '../domain/calendar.ts';
import { addLimitTime, limitDurationMs } from '../domain/deadlines.ts';
import type { CaseState } from '../domain/state-machine.ts';
import type { CaseRow } from '../workflow/case-history.ts';
import type { KindCase, KindDeadline, KindEffect } from './contract.ts';
import type { CaseKindRegistry, RegisteredAction } from './registry.ts';

type Trx = Transaction<DB>;

export const kindCaseOf = (row: CaseRow): KindCase => ({
  id: row.id,
  number: row.number,
  cityCode: row.city_code,
  districtCode: row.district_code,
  kind: row.kind,
  categoryCode: row.category_code,
  status: row.status as CaseState,
  regionPath: row.region_path,
  currentUnitId: row.current_unit_id,
  centreUnitId: row.centre_unit_id,
  reportedAt: new Date(row.reported_at),
});

/** A kind deadline's thresholds from its start, on the working calendar when its unit says so. */
export function kindDeadlineAt(d: KindDeadline, start: Date, calendar: WorkingCalendar) {
  const duration = limitDurationMs(d.limit, calendar);
  const at = (fraction: number) =>
    addLimitTime(calendar, d.limit.unit, start, Math.round(duration * fraction));
  return { warnAt: at(Math.min(d.yellow ?? 0.8, 1)), dueAt: at(1) };
}

export interface KindWrite {
  trx: Trx;
  row: CaseRow;
  payload: Record<string, unknown>;
  actor: Actor;
  actorUnitId: number | null;
  now: Date;
  calendar: WorkingCalendar;
}

/** A kind action's own part, inside the action's transaction: the module's `apply`. */
export async function applyKindAction(a: RegisteredAction, w: KindWrite): Promise<KindEffect> {
  if (!a.rule.apply) return {};
  return (
    (await a.rule.apply({
      trx: w.trx,
      case: kindCaseOf(w.row),
      payload: w.payload,
      actor: w.actor,
      actorUnitId: w.actorUnitId,
      now: w.now,
      calendar: w.calendar,
    })) ?? {}
  );
}

/**
 * After the history row is written: the kind's deadlines this action starts or stops, and what
 * it adds to the kind's figures (one ledger row per figure). Nothing to do for a kind with none.
 */
export async function writeKindBookkeeping(
  registry: CaseKindRegistry,
  action: string,
  actionId: number,
  w: KindWrite,
): Promise<void> {
  const { trx, row, now } = w;
  const touched = registry.deadlinesTouchedBy(row.kind, action);
  for (const d of touched.stopped)
    await trx
      .updateTable('case_kind_deadline')
      .set({ stopped_at: now })
      .where('city_code', '=', row.city_code)
      .where('case_id', '=', row.id)
      .where('name', '=', d.name)
      .where('stopped_at', 'is', null)
      .execute();
  for (const d of touched.started) {
    const { warnAt, dueAt } = kindDeadlineAt(d, now, w.calendar);
    const values = { started_at: now, warn_at: warnAt, due_at: dueAt, stopped_at: null };
    await trx
      .insertInto('case_kind_deadline')
      .values({ city_code: row.city_code, case_id: row.id, kind: row.kind, name: d.name, ...values })
      .onConflict((oc) => oc.columns(['city_code', 'case_id', 'name']).doUpdateSet(values))
      .execute();
  }
  const figures = registry.action(action)?.rule.figures?.(w.payload) ?? {};
  const rows = Object.entries(figures)
    .filter(([, v]) => Number.isFinite(v) && v !== 0)
    .map(([figure, value]) => ({
      city_code: row.city_code,
      action_id: actionId,
      figure,
      case_id: row.id,
      kind: row.kind,
      region_path: row.region_path,
      reported_at: row.reported_at,
      at: now,
      value,
    }));
  if (rows.length) await trx.insertInto('case_kind_figure').values(rows).execute();
}

export interface KindIntakeJob {
  actor: Actor;
  now: Date;
  kindData?: Record<string, unknown> | undefined;
}

/**
 * The kinds' parts of a batch of new cases, inside the intake's transaction, one case after
 * another: each case carrying `kindData` is handed to its kind's `intake`. Returns what each
 * added to its report's history row (undefined when nothing). A throw refuses the case (the
 * batcher then writes the batch's cases one by one, so only that case fails).
 */
export async function applyKindIntakes(
  registry: CaseKindRegistry,
  trx: Trx,
  jobs: readonly KindIntakeJob[],
  rows: readonly CaseRow[],
): Promise<(Record<string, unknown> | undefined)[]> {
  const details: (Record<string, unknown> | undefined)[] = [];
  for (const [i, j] of jobs.entries()) {
    const row = rows[i] as CaseRow;
    if (!j.kindData) {
      details.push(undefined);
      continue;
    }
    const intake = registry.kind(row.kind)?.intake;
    if (!intake) throw new Error(`case kind ${row.kind} takes no kind data at intake (none registered)`);
    const effect = await intake.apply({
      trx,
      case: kindCaseOf(row),
      data: j.kindData,
      actor: j.actor,
      now: j.now,
    });
    details.push(effect?.detail);
  }
  return details;
}

/** The kind's `afterAction` (if any), with the case as the action left it. */
export async function afterKindAction(
  registry: CaseKindRegistry,
  action: string,
  w: KindWrite,
  after: CaseRow,
): Promise<void> {
  const def = registry.kind(after.kind);
  if (!def?.afterAction) return;
  await def.afterAction({
    trx: w.trx,
    case: kindCaseOf(after),
    action,
    fromStatus: w.row.status as CaseState,
    payload: w.payload,
    actor: w.actor,
    now: w.now,
  });
}
