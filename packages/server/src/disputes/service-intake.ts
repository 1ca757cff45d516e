import type { AppContext } from '../context.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { allowed } from './domain/access.ts';
import {
  categoryOf,
  type DisputeType,
  isDisputeType,
  isGroupDispute,
  priorityOf,
  type RiskLevel,
  type ViolenceSignal,
} from './domain/dispute-facts.ts';
import { applyFigures, type DisputeRow } from './rows.ts';

export interface PartyInput {
  side: 'applicant' | 'respondent' | 'other';
  kind: 'person' | 'organisation';
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
}
export interface NewDispute {
  type: string;
  gridCode: string;
  title?: string;
  matter: string;
  amount?: number | null;
  peopleInvolved: number;
  riskLevel: RiskLevel;
  violenceSignals?: ViolenceSignal[];
  parties: PartyInput[];
  ledgerKey?: string | null;
  screenedAt?: string | null;
}

/** The place of a grid from its path ('city/district/street/community/grid/'). */
export async function gridPlace(ctx: AppContext, gridCode: string) {
  const grid = await ctx.services.regions.find(gridCode);
  if (grid?.level !== 'grid' || grid.retiredAt) return null;
  const [city = '', district = '', street = '', community = ''] = grid.path.split('/');
  return { city, district, street, community, grid: grid.code, path: grid.path };
}

function checkParties(parties: PartyInput[], people: number) {
  if (parties.length < 2) throw unprocessable('body.parties', 'a dispute has at least two parties');
  if (!parties.some((p) => p.side === 'applicant') || !parties.some((p) => p.side === 'respondent'))
    throw unprocessable('body.parties', 'name at least one applicant and one respondent');
  if (people < parties.length)
    throw unprocessable('body.peopleInvolved', `at least the ${parties.length} parties are involved`);
}

/**
 * A dispute found by screening: validated whole first, then its case is made through the case
 * engine (kind dispute, category dispute.<type>), then the dispute's data, its parties (personal
 * data stored apart, masked) and its figures are written in one transaction with a history row.
 */
export async function registerDispute(ctx: AppContext, actor: Actor, input: NewDispute) {
  if (!isDisputeType(input.type)) throw unprocessable('body.type', `unknown dispute type ${input.type}`);
  checkParties(input.parties, input.peopleInvolved);
  const place = await gridPlace(ctx, input.gridCode);
  if (!place || !allowed(actor, 'screen', { regionPath: place.path })) throw notFound('grid');
  const type = input.type as DisputeType;
  const signals = [...new Set(input.violenceSignals ?? [])];
  const priority = priorityOf({ risk: input.riskLevel, peopleInvolved: input.peopleInvolved, signals });
  // the case carries the attributes its category asks for; the dispute's own data is in its tables
  const category = await ctx.services.cases.category(ctx, categoryOf(type)).catch(() => null);
  const asks = new Set((category?.attributes ?? []).map((a) => a.code));
  const attributes: Record<string, unknown> = {
    parties_count: input.parties.length,
    risk_level: input.riskLevel,
  };
  if (input.amount != null) attributes.amount_yuan = input.amount;
  for (const k of Object.keys(attributes)) if (!asks.has(k)) delete attributes[k];
  const made = await ctx.services.cases.intake(ctx, actor, {
    kind: 'dispute',
    category: categoryOf(type),
    attributes,
    title: input.title ?? input.matter.slice(0, 60),
    description: input.matter,
    gridCode: input.gridCode,
    channel: input.ledgerKey ? 'import' : 'field',
    priority,
  });
  const now = serverNow(ctx);
  const persons = ctx.services.identity.persons;
  await ctx.db.transaction().execute(async (trx) => {
    const row: DisputeRow = {
      case_id: made.caseId,
      city_code: place.city as string,
      district_code: place.district as string,
      street_code: place.street as string,
      community_code: place.community as string,
      grid_code: place.grid as string,
      region_path: place.path as string,
      number: made.number,
      type,
      matter: input.matter,
      amount: input.amount ?? null,
      people_involved: input.peopleInvolved,
      is_group: isGroupDispute(input.peopleInvolved),
      risk_level: input.riskLevel,
      violence_signals: signals,
      priority,
      status: 'screened',
      screened_at: input.screenedAt ? new Date(input.screenedAt) : now,
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
      ledger_key: input.ledgerKey ?? null,
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
        version: 1,
      })
      .execute();
    const people = input.parties.filter((p) => p.kind === 'person');
    const ids = await persons.createMany(
      trx,
      people.map((p) => ({
        name: p.name,
        phone: p.phone ?? null,
        idNumber: p.idNumber ?? null,
        address: p.address ?? null,
        regionPath: place.path as string,
      })),
    );
    let next = 0;
    await trx
      .insertInto('dispute_party')
      .values(
        input.parties.map((p, i) => ({
          case_id: made.caseId,
          seq: i + 1,
          side: p.side,
          kind: p.kind,
          person_id: p.kind === 'person' ? (ids[next++] as number) : null,
          org_name: p.kind === 'organisation' ? p.name : null,
        })),
      )
      .execute();
    await applyFigures(trx, null, row);
    await ctx.services.cases.recordAction(trx, made.caseId, {
      action: 'dispute_registered',
      actor,
      at: now,
      payload: {
        type,
        riskLevel: input.riskLevel,
        violenceSignals: signals,
        peopleInvolved: input.peopleInvolved,
      },
    });
  });
  return { caseId: made.caseId, number: made.number, priority };
}
