import type { ExpressionBuilder, Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { type CaseScope, caseScopeOf, visibleTo } from '../policy.ts';

/** The case columns the cases-time services need. */
export interface ScopedCase {
  id: number;
  city_code: string;
  district_code: string;
  region_path: string | null;
  reported_at: Date;
  number: string;
  title: string;
  kind: string;
  category_code: string;
  status: string;
  step: string | null;
  current_unit_id: number | null;
  centre_unit_id: number | null;
  reporter_user_id: number | null;
  closed_at: Date | null;
  is_key: boolean;
  version: number;
}

const COLUMNS = [
  'cases.id',
  'cases.city_code',
  'cases.district_code',
  'cases.region_path',
  'cases.reported_at',
  'cases.number',
  'cases.title',
  'cases.kind',
  'cases.category_code',
  'cases.status',
  'cases.step',
  'cases.current_unit_id',
  'cases.centre_unit_id',
  'cases.reporter_user_id',
  'cases.closed_at',
  'cases.is_key',
  'cases.version',
] as const;

/** The cases module's visibility rule (case-scope.ts): outside it a case does not exist. */
export function caseInScope(actor: Actor, kinds: CaseScope['kinds']) {
  const scope = caseScopeOf(actor, kinds);
  return (eb: ExpressionBuilder<DB, 'cases'>) => visibleTo(eb, scope);
}

function byIdOrNumber(idOrNumber: string) {
  return (eb: ExpressionBuilder<DB, 'cases'>) =>
    /^\d{1,15}$/.test(idOrNumber)
      ? eb('cases.id', '=', Number(idOrNumber))
      : eb('cases.number', '=', idOrNumber);
}

function normalise(row: { id: number; reported_at: unknown; closed_at: unknown }) {
  return {
    ...row,
    id: Number(row.id),
    reported_at: new Date(row.reported_at as string),
    closed_at: row.closed_at === null ? null : new Date(row.closed_at as string),
  } as unknown as ScopedCase;
}

/** The case by id or number when the actor may see it; 404 otherwise (existence is not revealed). */
export async function findCaseInScope(
  db: Db | Transaction<DB>,
  actor: Actor,
  idOrNumber: string,
  kinds: CaseScope['kinds'],
): Promise<ScopedCase> {
  const row = await db
    .selectFrom('cases')
    .select(COLUMNS)
    .where(byIdOrNumber(idOrNumber))
    .where(caseInScope(actor, kinds))
    .executeTakeFirst();
  if (!row) throw notFound(`case ${idOrNumber}`);
  return normalise(row);
}
