import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { conflict, unprocessable } from '../http/problem.ts';
import { cityDay } from '../lib/clock.ts';
import type { Payload } from './domain/action-payloads.ts';
import type { MediationAction } from './domain/mediation-machine.ts';
import { judicialWindow } from './domain/time-limits.ts';
import type { DisputeRow } from './rows.ts';
import type { Step } from './step-types.ts';

type Trx = Kysely<DB>;

async function partyIds(trx: Trx, caseId: number): Promise<number[]> {
  const rows = await trx.selectFrom('dispute_party').select('id').where('case_id', '=', caseId).execute();
  return rows.map((r) => Number(r.id));
}

async function sessionOf(trx: Trx, caseId: number, id: number) {
  const s = await trx
    .selectFrom('mediation_session')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!s) throw unprocessable('body.payload.sessionId', 'no session with this id in this dispute');
  return s;
}

export async function agreementOf(trx: Trx, caseId: number) {
  return trx.selectFrom('dispute_agreement').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/**
 * A party confirms the agreement draft (in person through the mediator, or online through the
 * portal); the last party's confirmation makes the agreement effective and the dispute agreed.
 */
export async function confirmAgreement(
  trx: Trx,
  row: DisputeRow,
  next: DisputeRow,
  partyId: number,
  now: Date,
) {
  const agreement = await agreementOf(trx, row.case_id);
  if (!agreement) throw conflict('there is no agreement draft to confirm yet');
  const parties = await partyIds(trx, row.case_id);
  if (!parties.includes(partyId)) throw unprocessable('body.payload.partyId', 'not a party of this dispute');
  const prior: Record<string, string> = agreement.confirmations;
  const confirmations: Record<string, string> = { ...prior, [partyId]: prior[partyId] ?? now.toISOString() };
  const complete = parties.every((p) => confirmations[p]);
  await trx
    .updateTable('dispute_agreement')
    .set({
      confirmations: JSON.stringify(confirmations),
      effective_at: complete ? now : null,
      version: agreement.version + 1,
    })
    .where('case_id', '=', row.case_id)
    .execute();
  if (complete) Object.assign(next, { status: 'agreed', outcome: 'agreement', concluded_at: now });
  return { confirmed: Object.keys(confirmations).length, of: parties.length, effective: complete };
}

/** Sessions, records, the agreement and its judicial confirmation (the rest of the mediation's effects). */
export async function agreementStep(s: Step, action: MediationAction, p: Record<string, unknown>) {
  const { trx, row, next, now } = s;
  const caseId = row.case_id;
  switch (action) {
    case 'schedule_session': {
      const x = p as Payload<'schedule_session'>;
      if (!x.place && !x.onlineLink)
        throw unprocessable('body.payload.place', 'give a place or an online link');
      const seq = await trx
        .selectFrom('mediation_session')
        .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.val(0)).as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      const r = await trx
        .insertInto('mediation_session')
        .values({
          case_id: caseId,
          seq: Number(seq.n) + 1,
          org_id: row.org_id as number,
          at: x.at,
          place: x.place ?? null,
          online_link: x.onlineLink ?? null,
          mediator_ids: x.mediatorIds ?? row.mediator_ids,
          confirmations: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { sessionId: Number(r.id) };
    }
    case 'record_session': {
      const x = p as Payload<'record_session'>;
      await sessionOf(trx, caseId, x.sessionId);
      const parties = await partyIds(trx, caseId);
      if (x.attended.some((a) => !parties.includes(a)))
        throw unprocessable('body.payload.attended', 'every attendee must be a party of this dispute');
      await trx
        .updateTable('mediation_session')
        .set({ record: x.record, recorded_at: now, attended: x.attended, confirmations: '{}' })
        .where('id', '=', x.sessionId)
        .execute();
      return {};
    }
    case 'confirm_record': {
      const x = p as Payload<'confirm_record'>;
      const session = await sessionOf(trx, caseId, x.sessionId);
      if (!session.record) throw conflict('the session has no record to confirm yet');
      if (!session.attended.map(Number).includes(x.partyId))
        throw unprocessable('body.payload.partyId', 'only a party who attended confirms the record');
      const confirmations = { ...session.confirmations, [x.partyId]: now.toISOString() };
      await trx
        .updateTable('mediation_session')
        .set({ confirmations: JSON.stringify(confirmations) })
        .where('id', '=', x.sessionId)
        .execute();
      return {};
    }
    case 'draft_agreement': {
      const x = p as Payload<'draft_agreement'>;
      if (x.performBy < cityDay(now))
        throw unprocessable('body.payload.performBy', 'the performance date has passed');
      const values = {
        facts: x.facts,
        terms: x.terms,
        performance: x.performance,
        perform_by: x.performBy,
        drafted_at: now,
        confirmations: '{}',
        effective_at: null,
      };
      await trx
        .insertInto('dispute_agreement')
        .values({ case_id: caseId, ...values })
        .onConflict((oc) =>
          oc
            .column('case_id')
            .doUpdateSet({ ...values, version: (eb) => eb('dispute_agreement.version', '+', 1) }),
        )
        .execute();
      return {};
    }
    case 'confirm_agreement':
      return confirmAgreement(trx, row, next, (p as Payload<'confirm_agreement'>).partyId, now);
    case 'perform': {
      const x = p as Payload<'perform'>;
      await trx
        .updateTable('dispute_agreement')
        .set({ performed: JSON.stringify({ status: x.status, note: x.note ?? null, at: now.toISOString() }) })
        .where('case_id', '=', caseId)
        .execute();
      return {};
    }
    case 'judicial_apply': {
      const a = await agreementOf(trx, caseId);
      if (!a?.effective_at)
        throw conflict('the agreement is not effective (every party must confirm it first)');
      if (a.judicial && a.judicial.answer !== 'refused')
        throw conflict('judicial confirmation was already applied for');
      const window = judicialWindow(new Date(a.effective_at), now);
      const deadline = cityDay(window.deadline);
      if (!window.open)
        throw unprocessable(
          'body.payload.court',
          `judicial confirmation must be applied for within ${30} days of the agreement: the time ended on ${deadline}`,
          { deadline: window.deadline.toISOString() },
        );
      const judicial = {
        appliedAt: now.toISOString(),
        court: (p as Payload<'judicial_apply'>).court,
        answer: null,
        answeredAt: null,
        note: null,
      };
      await trx
        .updateTable('dispute_agreement')
        .set({ judicial: JSON.stringify(judicial) })
        .where('case_id', '=', caseId)
        .execute();
      return { deadline };
    }
    case 'judicial_answer': {
      const x = p as Payload<'judicial_answer'>;
      const a = await agreementOf(trx, caseId);
      if (!a?.judicial) throw conflict('judicial confirmation has not been applied for');
      if (a.judicial.answer) throw conflict('the court’s answer is already recorded');
      const judicial = {
        ...a.judicial,
        answer: x.answer,
        answeredAt: now.toISOString(),
        note: x.note ?? null,
      };
      await trx
        .updateTable('dispute_agreement')
        .set({ judicial: JSON.stringify(judicial) })
        .where('case_id', '=', caseId)
        .execute();
      return {};
    }
    default:
      throw new Error(`no effect for ${action}`);
  }
}
