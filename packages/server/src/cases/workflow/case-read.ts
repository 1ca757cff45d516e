import { type Expression, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/database.ts';
import type { SummonsFact, UnitFact } from '../domain/reducer-types.ts';
import type { KindSeenRow } from '../kinds/contract.ts';
import { type CaseRow, normaliseCase } from './case-history.ts';

/** A case with everything an action or its page needs to decide, read in one statement. */
export interface CaseWithFacts {
  row: CaseRow;
  summonses: SummonsFact[];
  copyUnitIds: number[];
  /** Units the case's kind shows it to (its `seenBy`: e.g. a dispute's mediation organisation). */
  kindUnitIds: number[];
  /** The sha256 of the files attached to the case. */
  attachments: string[];
  currentUnit: (UnitFact & { retiredAt: string | null }) | undefined;
  /** The history row a retried clientId already made (when a clientId was given). */
  prior: { action: string; id: number } | undefined;
}

/**
 * Read a case by id or readable number with its summonses, copies, attachments, current unit and
 * (given a clientId) the action that clientId already made, and the units the kinds' `seenBy`
 * relations show it to: one round trip for all of it.
 */
export async function readCaseWithFacts(
  db: Db,
  idOrNumber: string | number,
  clientId?: string,
  seenBy: readonly Expression<KindSeenRow>[] = [],
): Promise<CaseWithFacts | undefined> {
  const byNumber = typeof idOrNumber === 'string' && !/^\d+$/.test(idOrNumber);
  let q = db
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_summons as s')
          .select(['s.id', 's.unit_id', 's.summoned_at', 's.reported_in_at', 's.done_at', 's.rated_at'])
          .whereRef('s.case_id', '=', 'cases.id')
          .orderBy('s.id'),
      ).as('f_summons'),
      sql<string[] | null>`(select array_agg(cc.unit_id) from case_copy cc where cc.case_id = cases.id)`.as(
        'f_copies',
      ),
      sql<
        string[] | null
      >`(select array_agg(ca.sha256) from case_attachment ca where ca.case_id = cases.id)`.as(
        'f_attachments',
      ),
      (seenBy.length
        ? sql<string[] | null>`(select array_agg(k.unit_id) from (${sql.join(
            seenBy.map((r) => sql`select unit_id, case_id from (${r}) r`),
            sql` union all `,
          )}) k where k.case_id = cases.id and k.unit_id is not null)`
        : sql<string[] | null>`null::bigint[]`
      ).as('f_kind_units'),
      jsonObjectFrom(
        eb
          .selectFrom('unit as u')
          .select(['u.id', 'u.name', 'u.kind', 'u.level', 'u.region_path', 'u.retired_at'])
          .whereRef('u.id', '=', 'cases.current_unit_id'),
      ).as('f_unit'),
    ]);
  if (clientId !== undefined)
    q = q.select(
      (eb) =>
        jsonObjectFrom(
          eb
            .selectFrom('case_action_client as cl')
            .innerJoin('case_action as a', 'a.id', 'cl.action_id')
            .select(['a.action', 'a.id'])
            .whereRef('cl.case_id', '=', 'cases.id')
            .where('cl.client_id', '=', clientId)
            // the case's own history rows (case_action_case_idx), not a scan of every action by id
            .whereRef('a.case_id', '=', 'cases.id'),
        ).as('f_prior') as never,
    );
  const found = await (byNumber
    ? q.where('cases.number', '=', idOrNumber as string)
    : q.where('cases.id', '=', Number(idOrNumber))
  ).executeTakeFirst();
  if (!found) return undefined;
  const { f_summons, f_copies, f_kind_units, f_attachments, f_unit, ...rest } = found;
  const prior = (found as { f_prior?: { action: string; id: number } | null }).f_prior;
  delete (rest as { f_prior?: unknown }).f_prior;
  return {
    row: normaliseCase(rest as CaseRow),
    summonses: f_summons.map((s) => ({
      id: Number(s.id),
      unitId: Number(s.unit_id),
      summonedAt: s.summoned_at,
      reportedInAt: s.reported_in_at,
      doneAt: s.done_at,
      ratedAt: s.rated_at,
    })),
    copyUnitIds: (f_copies ?? []).map(Number),
    kindUnitIds: (f_kind_units ?? []).map(Number),
    attachments: f_attachments ?? [],
    currentUnit: f_unit
      ? {
          id: Number(f_unit.id),
          name: f_unit.name,
          kind: f_unit.kind,
          level: f_unit.level,
          regionPath: f_unit.region_path,
          retiredAt: f_unit.retired_at ? String(f_unit.retired_at) : null,
        }
      : undefined,
    prior: prior ? { action: prior.action, id: Number(prior.id) } : undefined,
  };
}
