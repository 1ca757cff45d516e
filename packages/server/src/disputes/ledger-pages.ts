import { type Kysely, type Selectable, sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import type { DisputeTable } from './tables.ts';

export const LEDGER_PAGE = 2000;

export interface LedgerScope {
  paths: string[];
  units: number[];
  region: string | null;
}

/** One page of the ledger: its disputes and, by case id, what each row shows of its parties and sessions. */
export interface LedgerPage {
  rows: Selectable<DisputeTable>[];
  /** the first party on each side, `${caseId}:${side}` → masked name and phone (or the organisation's name) */
  firstParty: Map<string, { name: string; phone: string }>;
  sessions: Map<number, number>;
  /** the case id to read the next page after, or null when this was the last page */
  next: number | null;
}

function disputes(db: Kysely<DB>, scope: LedgerScope, after: number, size: number) {
  let q = db
    .selectFrom('dispute')
    .selectAll()
    .where('case_id', '>', after)
    .where((eb) =>
      eb.or([
        ...scope.paths.map((p) => eb('region_path', 'like', `${p}%`)),
        ...(scope.units.length
          ? [
              sql<boolean>`org_id = any(array(${eb
                .selectFrom('mediation_org')
                .select('id')
                .where('unit_id', 'in', scope.units)}))`,
            ]
          : []),
      ]),
    );
  if (scope.region) q = q.where('region_path', 'like', `${scope.region}%`);
  return q.orderBy('case_id').limit(size).execute();
}

/** Read a page of the ledger after a case id: the disputes (keyset), their parties masked and their sessions counted. */
export async function readLedgerPage(
  ctx: AppContext,
  scope: LedgerScope,
  after: number,
  size = LEDGER_PAGE,
): Promise<LedgerPage> {
  const rows = await disputes(ctx.db, scope, after, size);
  const ids = rows.map((r) => Number(r.case_id));
  if (ids.length === 0) return { rows, firstParty: new Map(), sessions: new Map(), next: null };
  const [parties, sessions] = await Promise.all([
    ctx.db
      .selectFrom('dispute_party')
      .select(['case_id', 'side', 'person_id', 'org_name'])
      .where('case_id', 'in', ids)
      .where('side', 'in', ['applicant', 'respondent'])
      .orderBy('case_id')
      .orderBy('seq')
      .execute(),
    ctx.db
      .selectFrom('mediation_session')
      .select((eb) => ['case_id', eb.fn.countAll<number>().as('n')])
      .where('case_id', 'in', ids)
      .groupBy('case_id')
      .execute(),
  ]);
  // each case's first party on each side (parties come in seq order)
  const first = new Map<string, (typeof parties)[number]>();
  for (const x of parties) {
    const key = `${Number(x.case_id)}:${x.side}`;
    if (!first.has(key)) first.set(key, x);
  }
  const masked = await ctx.services.identity.persons.masked(
    [...first.values()].flatMap((p) => (p.person_id === null ? [] : [Number(p.person_id)])),
  );
  const firstParty = new Map(
    [...first].map(([key, p]) => {
      const m = p.person_id === null ? null : masked.get(Number(p.person_id));
      return [key, { name: m?.name ?? p.org_name ?? '', phone: m?.phone ?? '' }] as const;
    }),
  );
  return {
    rows,
    firstParty,
    sessions: new Map(sessions.map((s) => [Number(s.case_id), Number(s.n)])),
    next: rows.length < size ? null : Number(rows[rows.length - 1]?.case_id),
  };
}
