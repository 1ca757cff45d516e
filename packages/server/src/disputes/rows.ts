import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { levelContributions, levelKeyId } from './domain/figure-levels.ts';
import {
  contributionDelta,
  DISPUTE_FIGURES,
  type FigureDispute,
  figureValues,
  MEDIATOR_FIGURES,
  mediatorContributions,
  orgContributions,
} from './domain/figures.ts';
import type { MediationState } from './domain/mediation-machine.ts';
import type { DisputeTable } from './tables.ts';

type Trx = Kysely<DB>;
export type DisputeRow = Omit<Selectable<DisputeTable>, 'case_id' | 'org_id' | 'mediator_ids' | 'amount'> & {
  case_id: number;
  org_id: number | null;
  mediator_ids: number[];
  amount: number | null;
  status: MediationState;
};

/** Numbers come back as numbers whatever the driver does with bigint and numeric. */
export function normalise(r: Selectable<DisputeTable>): DisputeRow {
  return {
    ...r,
    case_id: Number(r.case_id),
    org_id: r.org_id === null ? null : Number(r.org_id),
    mediator_ids: (r.mediator_ids ?? []).map(Number),
    amount: r.amount === null ? null : Number(r.amount),
    status: r.status as MediationState,
  };
}

export const figureView = (r: DisputeRow): FigureDispute => ({
  district_code: r.district_code,
  street_code: r.street_code,
  type: r.type,
  screened_at: r.screened_at,
  org_id: r.org_id,
  mediator_ids: r.mediator_ids,
  outcome: r.outcome,
  accepted_at: r.accepted_at,
  concluded_at: r.concluded_at,
  due_at: r.due_at,
  failed_orgs: r.failed_orgs ?? [],
});

export async function lockDispute(trx: Trx, caseId: number): Promise<DisputeRow | undefined> {
  const r = await trx
    .selectFrom('dispute')
    .selectAll()
    .where('case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  return r && normalise(r);
}

const sumOf = (table: string, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, sql`${sql.ref(`${table}.${f}`)} + excluded.${sql.ref(f)}`]));

/** The level rows a dispute contributes (figure-levels.ts), as they are before and after a change. */
export const levelRowsOf = (r: DisputeRow) =>
  levelContributions(r.city_code, orgContributions(figureView(r)));

/**
 * Apply disputes' changes to both rollups (inside the caller's transaction): one multi-row upsert
 * per rollup (equal keys summed first), nothing when no figure moves.
 */
export async function applyFiguresOf(
  trx: Trx,
  changes: readonly (readonly [DisputeRow | null, DisputeRow])[],
): Promise<void> {
  const levels = contributionDelta(
    changes.flatMap(([before]) => (before ? levelRowsOf(before) : [])),
    changes.flatMap(([, after]) => levelRowsOf(after)),
    levelKeyId,
  );
  if (levels.length > 0)
    await trx
      .insertInto('dispute_figure_rollup')
      .values(levels.map((c) => ({ ...c.key, ...figureValues(DISPUTE_FIGURES, c.values) })))
      .onConflict((oc) =>
        oc
          .columns(['city_code', 'region_code', 'type', 'org_id', 'month'])
          .doUpdateSet(sumOf('dispute_figure_rollup', DISPUTE_FIGURES)),
      )
      .execute();
  const med = contributionDelta(
    changes.flatMap(([before]) => (before ? mediatorContributions(figureView(before)) : [])),
    changes.flatMap(([, after]) => mediatorContributions(figureView(after))),
  );
  if (med.length > 0)
    await trx
      .insertInto('dispute_mediator_rollup')
      .values(med.map((c) => ({ ...c.key, ...figureValues(MEDIATOR_FIGURES, c.values) })))
      .onConflict((oc) =>
        oc
          .columns(['month', 'district_code', 'mediator_id'])
          .doUpdateSet(sumOf('dispute_mediator_rollup', MEDIATOR_FIGURES)),
      )
      .execute();
}

/** Apply one dispute's change to both rollups (inside the caller's transaction). */
export async function applyFigures(trx: Trx, before: DisputeRow | null, after: DisputeRow): Promise<void> {
  await applyFiguresOf(trx, [[before, after]]);
}

/** Write a changed dispute (version checked by the row lock) and its figures. */
export async function saveDispute(
  trx: Trx,
  before: DisputeRow,
  after: DisputeRow,
  now: Date,
): Promise<DisputeRow> {
  await trx
    .updateTable('dispute')
    .set({
      street_code: after.street_code,
      status: after.status,
      org_id: after.org_id,
      mediator_ids: after.mediator_ids,
      accepted_at: after.accepted_at,
      due_at: after.due_at,
      extensions: JSON.stringify(after.extensions),
      declined: JSON.stringify(after.declined),
      failed_orgs: JSON.stringify(after.failed_orgs),
      outcome: after.outcome,
      concluded_at: after.concluded_at,
      referral: after.referral === null ? null : JSON.stringify(after.referral),
      closed_at: after.closed_at,
      follow_up_due_at: after.follow_up_due_at,
      follow_up: after.follow_up === null ? null : JSON.stringify(after.follow_up),
      version: before.version + 1,
      updated_at: now,
    })
    .where('case_id', '=', before.case_id)
    .execute();
  await applyFigures(trx, before, after);
  return { ...after, version: before.version + 1, updated_at: now };
}
