import { expressionBuilder, type Kysely } from 'kysely';
import { type CaseKindDefinition, kindIntake } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { conflict } from '../http/problem.ts';
import { isGroupDispute } from './domain/dispute-facts.ts';
import type { DisputeIntakeData, PartyInput } from './intake-types.ts';
import { mediationKindActions } from './kind-actions.ts';
import { applyFigures, type DisputeRow } from './rows.ts';

/**
 * The dispute kind on the case engine (CONTRIBUTING, "Case-kind extension contract"): a dispute's
 * own rows (the dispute, its parties with their personal data stored apart, its figures) are
 * written by the engine's intake in the case's own transaction, so a dispute is made whole or not
 * at all. Its mediation steps are the kind's actions (`dispute.<verb>`, kind-actions.ts).
 */
export const disputeKind = (ctx: AppContext): CaseKindDefinition => ({
  kind: 'dispute',
  module: 'disputes',
  tables: ['dispute', 'dispute_party', 'mediation_session', 'dispute_agreement', 'dispute_evidence'],
  actions: mediationKindActions(ctx),
  /** The mediation organisation holding a dispute: its unit's mediators see and act on the dispute's case. */
  seenBy: () =>
    expressionBuilder<DB, never>()
      .selectFrom('dispute')
      .innerJoin('mediation_org', 'mediation_org.id', 'dispute.org_id')
      .select(['dispute.case_id as case_id', 'mediation_org.unit_id as unit_id']),
  /** The case page's `kindData`: the dispute's facts (no personal data: the parties are on the dispute page). */
  async detail(db, c) {
    const d = await db
      .selectFrom('dispute')
      .select(['type', 'status', 'risk_level', 'people_involved', 'is_group', 'org_id', 'due_at'])
      .where('city_code', '=', c.cityCode)
      .where('case_id', '=', c.id)
      .executeTakeFirst();
    return {
      dispute: d
        ? {
            type: d.type,
            status: d.status,
            riskLevel: d.risk_level,
            peopleInvolved: d.people_involved,
            isGroup: d.is_group,
            orgId: d.org_id === null ? null : Number(d.org_id),
            dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
          }
        : null,
    };
  },
  intake: kindIntake<DisputeIntakeData>({
    async apply({ trx, case: c, data, now }) {
      const [city = '', district = '', street = '', community = '', grid = ''] = (c.regionPath ?? '').split(
        '/',
      );
      if (data.ledgerKey) {
        const taken = await trx
          .selectFrom('dispute')
          .select('number')
          .where('city_code', '=', city)
          .where('ledger_key', '=', data.ledgerKey)
          .executeTakeFirst();
        if (taken) throw conflict(`ledger row ${data.ledgerKey} is already dispute ${taken.number}`);
      }
      const row: DisputeRow = {
        case_id: c.id,
        city_code: city,
        district_code: district,
        street_code: street,
        community_code: community,
        grid_code: grid,
        region_path: c.regionPath ?? '',
        number: c.number,
        type: data.type,
        matter: data.matter,
        amount: data.amount,
        people_involved: data.peopleInvolved,
        is_group: isGroupDispute(data.peopleInvolved),
        risk_level: data.riskLevel,
        violence_signals: data.violenceSignals,
        priority: data.priority,
        status: 'screened',
        screened_at: data.screenedAt ? new Date(data.screenedAt) : now,
        org_id: null,
        mediator_ids: [],
        accepted_at: null,
        due_at: null,
        extensions: [],
        declined: [],
        failed_orgs: [],
        outcome: null,
        concluded_at: null,
        referral: null,
        closed_at: null,
        follow_up_due_at: null,
        follow_up: null,
        ledger_key: data.ledgerKey,
        version: 1,
        updated_at: now,
      };
      await trx
        .insertInto('dispute')
        .values({
          ...row,
          extensions: '[]',
          declined: '[]',
          failed_orgs: '[]',
          referral: null,
          follow_up: null,
        })
        .execute();
      await insertParties(ctx, trx, c.id, row.region_path, data.parties);
      await applyFigures(trx, null, row);
      return {
        detail: {
          type: data.type,
          riskLevel: data.riskLevel,
          violenceSignals: data.violenceSignals,
          peopleInvolved: data.peopleInvolved,
        },
      };
    },
  }),
});

/** The parties: people's personal data stored apart (masked, scoped like reporters'), organisations by name. */
async function insertParties(
  ctx: AppContext,
  trx: Kysely<DB>,
  caseId: number,
  regionPath: string,
  parties: PartyInput[],
) {
  const people = parties.filter((p) => p.kind === 'person');
  const ids = await ctx.services.identity.persons.createMany(
    trx,
    people.map((p) => ({
      name: p.name,
      phone: p.phone ?? null,
      idNumber: p.idNumber ?? null,
      address: p.address ?? null,
      regionPath,
    })),
  );
  let next = 0;
  await trx
    .insertInto('dispute_party')
    .values(
      parties.map((p, i) => ({
        case_id: caseId,
        seq: i + 1,
        side: p.side,
        kind: p.kind,
        person_id: p.kind === 'person' ? (ids[next++] as number) : null,
        org_name: p.kind === 'organisation' ? p.name : null,
      })),
    )
    .execute();
}
