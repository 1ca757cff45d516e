import { sql } from 'kysely';
import type { AppContext } from '../context.ts';

export const LEDGER_PAGE = 250;

export interface LedgerScope {
  paths: string[];
  units: number[];
  region: string | null;
}

/** A dispute as the ledger prints it: dates already the city's days (yyyy-mm-dd), its first party on each side. */
export interface LedgerRecord {
  case_id: number;
  key: string;
  type: string;
  grid_code: string;
  screened: string | null;
  matter: string;
  amount: number | null;
  people_involved: number;
  risk_level: string;
  org_id: number | null;
  mediator_ids: (number | string)[];
  accepted: string | null;
  due: string | null;
  sessions: number;
  status: string;
  outcome: string | null;
  referral_to: string | null;
  referral_where: string | null;
  closed: string | null;
  follow_up_at: string | null;
  follow_up_satisfied: boolean | null;
  a_person: number | string | null;
  a_org: string | null;
  b_person: number | string | null;
  b_org: string | null;
}

/** One page of the ledger: its disputes and the masked name and phone of each party shown. */
export interface LedgerPage {
  rows: LedgerRecord[];
  persons: Map<number, { name: string; phone: string }>;
  /** the case id to read the next page after, or null when this was the last page */
  next: number | null;
}

/** A timestamp as the city's day (UTC+8, like lib/clock's cityDay), computed by the database. */
const cityDay = (column: string) =>
  sql.raw(`to_char((${column}) at time zone 'UTC' + interval '8 hours', 'YYYY-MM-DD')`);

/**
 * The first party on each side (by its order in the dispute), read once per dispute: one look-up
 * of its parties instead of one per column (at 1 M disputes on PGlite, four index probes a row
 * were most of the export's time).
 */
const FIRST_PARTIES = sql`lateral (
  select (array_agg(p.person_id order by p.seq) filter (where p.side = 'applicant'))[1] as a_person,
         (array_agg(p.org_name order by p.seq) filter (where p.side = 'applicant'))[1] as a_org,
         (array_agg(p.person_id order by p.seq) filter (where p.side = 'respondent'))[1] as b_person,
         (array_agg(p.org_name order by p.seq) filter (where p.side = 'respondent'))[1] as b_org
    from dispute_party p where p.case_id = d.case_id)`;

/** The page's disputes in one statement: keyset by case id, the sessions counted, the first party on each side. */
function disputes(ctx: AppContext, scope: LedgerScope, after: number, size: number) {
  let q = ctx.db
    .selectFrom('dispute as d')
    .innerJoin(FIRST_PARTIES.as<'fp'>('fp'), (join) => join.onTrue())
    .select([
      'd.case_id',
      sql<string>`coalesce(d.ledger_key, d.number)`.as('key'),
      'd.type',
      'd.grid_code',
      sql<string | null>`${cityDay('d.screened_at')}`.as('screened'),
      'd.matter',
      sql<number | null>`d.amount::float8`.as('amount'),
      'd.people_involved',
      'd.risk_level',
      'd.org_id',
      'd.mediator_ids',
      sql<string | null>`${cityDay('d.accepted_at')}`.as('accepted'),
      sql<string | null>`${cityDay('d.due_at')}`.as('due'),
      sql<number>`(select count(*)::int from mediation_session s where s.case_id = d.case_id)`.as('sessions'),
      'd.status',
      'd.outcome',
      sql<string | null>`d.referral->>'to'`.as('referral_to'),
      sql<string | null>`d.referral->>'where'`.as('referral_where'),
      sql<string | null>`${cityDay('d.closed_at')}`.as('closed'),
      sql<string | null>`${cityDay(`(d.follow_up->>'at')::timestamptz`)}`.as('follow_up_at'),
      sql<boolean | null>`(d.follow_up->>'satisfied')::boolean`.as('follow_up_satisfied'),
      sql<number | null>`fp.a_person`.as('a_person'),
      sql<string | null>`fp.a_org`.as('a_org'),
      sql<number | null>`fp.b_person`.as('b_person'),
      sql<string | null>`fp.b_org`.as('b_org'),
    ])
    .where('d.case_id', '>', after)
    .where((eb) =>
      eb.or([
        ...scope.paths.map((p) => eb('d.region_path', 'like', `${p}%`)),
        // the units the dispute kind shows a case to (its `seenBy`: the organisation holding it)
        ...(scope.units.length
          ? [ctx.services.caseKinds.seenByUnits(sql.ref('d.case_id'), scope.units, 'dispute')]
          : []),
      ]),
    );
  if (scope.region) q = q.where('d.region_path', 'like', `${scope.region}%`);
  return q.orderBy('d.case_id').limit(size).execute() as Promise<LedgerRecord[]>;
}

/** Read a page of the ledger after a case id: the disputes (keyset) and their shown parties masked. */
export async function readLedgerPage(
  ctx: AppContext,
  scope: LedgerScope,
  after: number,
  size = LEDGER_PAGE,
): Promise<LedgerPage> {
  const rows = await disputes(ctx, scope, after, size);
  const ids = rows.flatMap((r) => [r.a_person, r.b_person].filter((p) => p !== null).map(Number));
  const masked = await ctx.services.identity.persons.masked(ids);
  const persons = new Map([...masked].map(([id, m]) => [id, { name: m.name ?? '', phone: m.phone ?? '' }]));
  return {
    rows,
    persons,
    next: rows.length < size ? null : Number(rows[rows.length - 1]?.case_id),
  };
}
