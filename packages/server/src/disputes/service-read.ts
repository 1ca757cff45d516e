import { type ExpressionBuilder, sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { countCapped } from '../db/count-capped.ts';
import type { DB } from '../db/schema.ts';
import { notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { allowed, mediationRoles, pathsFor, unitsFor } from './domain/access.ts';
import { offeredActions } from './domain/offered-actions.ts';
import { daysBetween, judicialWindow } from './domain/time-limits.ts';
import { type DisputeRow, normalise } from './rows.ts';

/** The org's unit, for scope (a committee's mediators see what their committee holds). */
async function orgUnit(ctx: AppContext, orgId: number | null): Promise<number | null> {
  if (orgId === null) return null;
  const o = await ctx.db
    .selectFrom('mediation_org')
    .select('unit_id')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return o?.unit_id == null ? null : Number(o.unit_id);
}

/** The dispute when the actor may read it; 404 otherwise (existence is not revealed). */
export async function disputeFor(ctx: AppContext, actor: Actor, caseId: number) {
  const r = await ctx.db.selectFrom('dispute').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!r) throw notFound('dispute');
  const row = normalise(r);
  const where = { regionPath: row.region_path, unitId: await orgUnit(ctx, row.org_id) };
  if (!allowed(actor, 'read', where)) throw notFound('dispute');
  return { row, where, roles: mediationRoles(actor, where) };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function summaryOf(row: DisputeRow, now: Date) {
  return {
    caseId: row.case_id,
    number: row.number,
    type: row.type,
    matter: row.matter,
    status: row.status,
    priority: row.priority,
    riskLevel: row.risk_level,
    isGroup: row.is_group,
    peopleInvolved: row.people_involved,
    amount: row.amount,
    violenceSignals: row.violence_signals,
    gridCode: row.grid_code,
    streetCode: row.street_code,
    orgId: row.org_id,
    screenedAt: iso(row.screened_at) as string,
    dueAt: iso(row.due_at),
    daysLeft: row.due_at && row.status === 'mediating' ? daysBetween(now, new Date(row.due_at)) : null,
    followUpDueAt: iso(row.follow_up_due_at),
  };
}

/** Everything the dispute page shows: the dispute, parties (masked), sessions, agreement, countdowns. */
export async function disputeDetail(ctx: AppContext, actor: Actor, caseId: number) {
  const { row, roles } = await disputeFor(ctx, actor, caseId);
  const now = serverNow(ctx);
  const [parties, sessions, agreement, org, mediators, evidence] = await Promise.all([
    ctx.db.selectFrom('dispute_party').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
    ctx.db.selectFrom('mediation_session').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
    ctx.db.selectFrom('dispute_agreement').selectAll().where('case_id', '=', caseId).executeTakeFirst(),
    row.org_id === null
      ? undefined
      : ctx.db
          .selectFrom('mediation_org')
          .select(['id', 'name', 'type'])
          .where('id', '=', row.org_id)
          .executeTakeFirst(),
    row.mediator_ids.length === 0
      ? []
      : ctx.db.selectFrom('mediator').select(['id', 'name']).where('id', 'in', row.mediator_ids).execute(),
    ctx.db
      .selectFrom('dispute_evidence')
      .select([
        'id',
        'party_id',
        'filename',
        'content_type',
        'note',
        'uploaded_at',
        sql<number>`length(bytes)`.as('size'),
      ])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute(),
  ]);
  const masked = await ctx.services.identity.persons.masked(
    parties.flatMap((p) => (p.person_id === null ? [] : [Number(p.person_id)])),
  );
  const window = agreement?.effective_at ? judicialWindow(new Date(agreement.effective_at), now) : null;
  return {
    ...summaryOf(row, now),
    acceptedAt: iso(row.accepted_at),
    concludedAt: iso(row.concluded_at),
    closedAt: iso(row.closed_at),
    outcome: row.outcome,
    referral: row.referral,
    extensions: row.extensions,
    declined: row.declined,
    failedOrgs: row.failed_orgs,
    followUp: row.follow_up,
    org: org ? { id: Number(org.id), name: org.name, type: org.type } : null,
    mediators: mediators.map((m) => ({ id: Number(m.id), name: m.name })),
    parties: parties.map((p) => {
      const person = p.person_id === null ? null : (masked.get(Number(p.person_id)) ?? null);
      return {
        id: Number(p.id),
        side: p.side,
        kind: p.kind,
        personId: p.person_id === null ? null : Number(p.person_id),
        name: p.kind === 'organisation' ? p.org_name : (person?.name ?? null),
        phone: person?.phone ?? null,
        idNumber: person?.idNumber ?? null,
        address: person?.address ?? null,
        masked: true as const,
        hasPortalLink: p.portal_hash !== null,
      };
    }),
    sessions: sessions.map((s) => ({
      id: Number(s.id),
      seq: s.seq,
      orgId: Number(s.org_id),
      at: iso(s.at) as string,
      place: s.place,
      onlineLink: s.online_link,
      mediatorIds: s.mediator_ids.map(Number),
      attended: s.attended.map(Number),
      record: s.record,
      recordedAt: iso(s.recorded_at),
      confirmations: s.confirmations,
    })),
    agreement: agreement
      ? {
          facts: agreement.facts,
          terms: agreement.terms,
          performance: agreement.performance,
          performBy: String(iso(agreement.perform_by)).slice(0, 10),
          draftedAt: iso(agreement.drafted_at) as string,
          confirmations: agreement.confirmations,
          effectiveAt: iso(agreement.effective_at),
          performed: agreement.performed,
          judicial: agreement.judicial,
          judicialDeadline: window ? window.deadline.toISOString() : null,
          judicialDaysLeft: window && !agreement.judicial ? window.daysLeft : null,
          judicialReminder: window !== null && !agreement.judicial && window.remind,
        }
      : null,
    evidence: evidence.map((e) => ({
      id: Number(e.id),
      partyId: Number(e.party_id),
      filename: e.filename,
      contentType: e.content_type,
      note: e.note,
      size: Number(e.size),
      uploadedAt: iso(e.uploaded_at) as string,
    })),
    allowedActions: offeredActions(row.status, roles, {
      extendedDays: row.extensions.reduce((n, x) => n + x.days, 0),
      followUpDone: row.follow_up !== null,
      sessions: sessions.length,
      recordsToConfirm: sessions.filter(
        (s) => s.record !== null && s.attended.some((p) => !s.confirmations[String(p)]),
      ).length,
      agreement: !agreement ? 'none' : agreement.effective_at ? 'effective' : 'draft',
      judicial:
        !agreement?.judicial || agreement.judicial.answer === 'refused'
          ? 'none'
          : agreement.judicial.answer
            ? 'answered'
            : 'waiting',
      judicialOpen: window?.open ?? false,
    }),
  };
}

export interface InboxQuery {
  status?: string;
  type?: string;
  region?: string;
  limit?: number;
  offset?: number;
}

/**
 * The inbox's order: open disputes before closed ones, most urgent first, then newest. The same
 * text as the expression of the inbox indexes (migration 0402), so PostgreSQL reads a page of a
 * city's or a district's disputes in this order from an index instead of sorting all of them.
 */
const INBOX_RANK = sql`(case when status = 'closed' then 4 when priority = 'urgent' then 0 when priority = 'high' then 1
        when priority = 'normal' then 2 else 3 end)`;

/**
 * A region's subtree as a condition on the dispute row: the city or a district by its own code
 * (the columns the inbox indexes lead with), a street and below by path.
 */
function inArea(eb: ExpressionBuilder<DB, 'dispute'>, path: string) {
  const codes = path.split('/').filter(Boolean);
  if (codes.length === 1) return eb('dispute.city_code', '=', codes[0] as string);
  if (codes.length === 2) return eb('dispute.district_code', '=', codes[1] as string);
  return eb('dispute.region_path', 'like', `${path}%`);
}

/** Disputes in the actor's scope, open before closed, most urgent first, then newest. */
export async function listDisputes(ctx: AppContext, actor: Actor, q: InboxQuery) {
  const paths = pathsFor(actor, 'read');
  const units = unitsFor(actor, 'read');
  if (paths.length === 0 && units.length === 0) return { items: [], total: 0, totalCapped: false };
  const region = q.region ? await ctx.services.regions.find(q.region) : undefined;
  if (q.region && !region) throw notFound('region');
  // a region inside the actor's own area is the whole condition (one index's, counted from it alone)
  const within = region && paths.some((p) => region.path.startsWith(p));
  let query = ctx.db.selectFrom('dispute').where((eb) =>
    within
      ? inArea(eb, region.path)
      : eb.or([
          ...paths.map((p) => inArea(eb, p)),
          // the units the dispute kind shows a case to (its `seenBy`: the organisation holding it)
          ...(units.length
            ? [ctx.services.caseKinds.seenByUnits(sql.ref('dispute.case_id'), units, 'dispute')]
            : []),
        ]),
  );
  if (region && !within) query = query.where((eb) => inArea(eb, region.path));
  if (q.status) query = query.where('status', '=', q.status);
  if (q.type) query = query.where('type', '=', q.type);
  const [rows, counted] = await Promise.all([
    query
      .selectAll()
      .orderBy(INBOX_RANK)
      .orderBy('screened_at', 'desc')
      .orderBy('case_id', 'desc')
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute(),
    countCapped(ctx.db, query),
  ]);
  const now = serverNow(ctx);
  return {
    items: rows.map((r) => summaryOf(normalise(r), now)),
    ...counted,
  };
}
