import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  contributionDelta,
  type FigureDispute,
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

/** Apply a dispute's change to both rollups (inside the caller's transaction). */
export async function applyFigures(trx: Trx, before: DisputeRow | null, after: DisputeRow): Promise<void> {
  const org = contributionDelta(
    before ? orgContributions(figureView(before)) : [],
    orgContributions(figureView(after)),
  );
  for (const c of org) {
    const v = c.values;
    const row = {
      ...c.key,
      screened: v.screened ?? 0,
      resolved: v.resolved ?? 0,
      mediated: v.mediated ?? 0,
      succeeded: v.succeeded ?? 0,
      on_time: v.on_time ?? 0,
      days_sum: v.days_sum ?? 0,
    };
    await trx
      .insertInto('dispute_rollup')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['month', 'street_code', 'type', 'org_id']).doUpdateSet((eb) => ({
          screened: eb('dispute_rollup.screened', '+', row.screened),
          resolved: eb('dispute_rollup.resolved', '+', row.resolved),
          mediated: eb('dispute_rollup.mediated', '+', row.mediated),
          succeeded: eb('dispute_rollup.succeeded', '+', row.succeeded),
          on_time: eb('dispute_rollup.on_time', '+', row.on_time),
          days_sum: eb('dispute_rollup.days_sum', '+', row.days_sum),
        })),
      )
      .execute();
  }
  const med = contributionDelta(
    before ? mediatorContributions(figureView(before)) : [],
    mediatorContributions(figureView(after)),
  );
  for (const c of med) {
    const v = c.values;
    const row = {
      ...c.key,
      mediated: v.mediated ?? 0,
      succeeded: v.succeeded ?? 0,
      on_time: v.on_time ?? 0,
      days_sum: v.days_sum ?? 0,
    };
    await trx
      .insertInto('dispute_mediator_rollup')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['month', 'district_code', 'mediator_id']).doUpdateSet((eb) => ({
          mediated: eb('dispute_mediator_rollup.mediated', '+', row.mediated),
          succeeded: eb('dispute_mediator_rollup.succeeded', '+', row.succeeded),
          on_time: eb('dispute_mediator_rollup.on_time', '+', row.on_time),
          days_sum: eb('dispute_mediator_rollup.days_sum', '+', row.days_sum),
        })),
      )
      .execute();
  }
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
