import type { prepareKindCase } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { allowed } from './domain/access.ts';
import {
  categoryOf,
  type DisputeType,
  isDisputeType,
  priorityOf,
  type RiskLevel,
  type ViolenceSignal,
} from './domain/dispute-facts.ts';
import type { DisputeIntakeData, PartyInput } from './intake-types.ts';

export type { PartyInput } from './intake-types.ts';

type IntakeInput = Parameters<typeof prepareKindCase>[2];

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
 * A new dispute checked whole (type, parties, grid in the actor's area) and shaped as the case
 * engine's intake input (kind dispute, category dispute.<type>) carrying the dispute's own data
 * (`kindData`), which the kind's intake writes in the case's transaction (kind.ts). Reads only.
 */
export async function disputeIntake(ctx: AppContext, actor: Actor, input: NewDispute) {
  if (!isDisputeType(input.type)) throw unprocessable('body.type', `unknown dispute type ${input.type}`);
  checkParties(input.parties, input.peopleInvolved);
  const place = await gridPlace(ctx, input.gridCode);
  if (!place || !allowed(actor, 'register', { regionPath: place.path })) throw notFound('grid');
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
  const kindData: DisputeIntakeData = {
    type,
    matter: input.matter,
    amount: input.amount ?? null,
    peopleInvolved: input.peopleInvolved,
    riskLevel: input.riskLevel,
    violenceSignals: signals,
    priority,
    parties: input.parties,
    ledgerKey: input.ledgerKey ?? null,
    screenedAt: input.screenedAt ?? null,
  };
  const intake: IntakeInput = {
    kind: 'dispute',
    category: categoryOf(type),
    attributes,
    title: input.title ?? input.matter.slice(0, 60),
    description: input.matter,
    gridCode: input.gridCode,
    channel: input.ledgerKey ? 'import' : 'field',
    priority,
    kindData: kindData as unknown as Record<string, unknown>,
  };
  return { intake, priority };
}

/**
 * A dispute found by screening: validated whole first, then its case is made through the case
 * engine with the dispute's data, its parties (personal data stored apart, masked) and its
 * figures written by the kind's intake in the same transaction.
 */
export async function registerDispute(ctx: AppContext, actor: Actor, input: NewDispute) {
  const { intake, priority } = await disputeIntake(ctx, actor, input);
  // one transaction: the case, and the dispute's own rows through the kind's intake (kind.ts)
  const made = await ctx.services.cases.intake(ctx, actor, intake);
  return { caseId: made.caseId, number: made.number, priority };
}
