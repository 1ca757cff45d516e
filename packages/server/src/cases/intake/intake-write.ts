import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import { applyCaseDeltas } from '../../dashboard/index.ts';
import type { DB } from '../../db/schema.ts';
import { type Problem, unprocessable } from '../../http/problem.ts';
import type { Actor, Unit } from '../../identity/index.ts';
import { formatCaseNumber } from '../domain/case-number.ts';
import type { CaseState } from '../domain/state-machine.ts';
import { applyKindIntakes } from '../kinds/writer.ts';
import type { CaseLevel } from '../tables.ts';
import type { StepColumns } from '../time/step-clock.ts';
import { type CaseRow, normaliseCase } from '../workflow/case-history.ts';
import { type CasePlace, currentPlaces } from './case-places.ts';
import { findAndLinkDuplicatesMany } from './duplicates-batch.ts';
import type { IntakeInput } from './intake-types.ts';

/** A validated, located and routed new case, ready to be written. */
export interface IntakeJob {
  actor: Actor;
  input: IntakeInput;
  category: { code: string; name_zh: string };
  place: CasePlace;
  centre: Unit;
  routed: Unit;
  /** The unit routing named first, when it had nobody to act and the case went to `routed` instead. */
  unstaffed?: Unit;
  key: string | null;
  hash: string;
  now: Date;
  status: CaseState;
  level: CaseLevel;
  clock: StepColumns;
  year: number;
}

const district6 = (j: IntakeJob) => j.place.districtCode.slice(0, 6);

/** What became of one job of a batch. */
export type IntakeOutcome =
  | { row: CaseRow }
  /** An earlier request with the same Idempotency-Key made this case. */
  | { replayOf: number }
  | { refused: Problem };

/**
 * Reserve the numbers of every district and year of a batch in one statement (rows locked in
 * the order of their keys); returns the first number of each `district:year`.
 */
async function reserveNumbers(
  trx: Transaction<DB>,
  counts: Map<string, number>,
): Promise<Map<string, number>> {
  const values = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, count]) => {
      const [district_code, year] = k.split(':') as [string, string];
      return { district_code, year: Number(year), last_value: count };
    });
  const rows = await trx
    .insertInto('case_number_seq')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['district_code', 'year'])
        .doUpdateSet({ last_value: sql`case_number_seq.last_value + excluded.last_value` }),
    )
    .returning(['district_code', 'year', 'last_value'])
    .execute();
  return new Map(
    rows.map((r) => {
      const k = `${r.district_code}:${r.year}`;
      return [k, Number(r.last_value) - (counts.get(k) ?? 0) + 1];
    }),
  );
}

/**
 * Split a batch by Idempotency-Key: jobs whose key an earlier request (or an earlier job of the
 * batch) used are answered with that case, or refused when their request differs; the rest are new.
 */
async function sortOutReplays(trx: Transaction<DB>, jobs: IntakeJob[]) {
  const keys = [...new Set(jobs.flatMap((j) => (j.key ? [j.key] : [])))];
  const prior = keys.length
    ? await trx
        .selectFrom('case_idempotency')
        .select(['key', 'request_hash', 'case_id'])
        .where('key', 'in', keys)
        .execute()
    : [];
  const earlier = new Map(prior.map((p) => [p.key, { hash: p.request_hash, caseId: Number(p.case_id) }]));
  const firstOfKey = new Map<string, IntakeJob>();
  const fresh: IntakeJob[] = [];
  /** Jobs answered without a write: an outcome, or "the same case as that earlier job of the batch". */
  const answered = new Map<IntakeJob, IntakeOutcome | { sameAs: IntakeJob }>();
  for (const j of jobs) {
    const seen = j.key ? (earlier.get(j.key) ?? firstOfKey.get(j.key)) : undefined;
    if (!seen) {
      if (j.key) firstOfKey.set(j.key, j);
      fresh.push(j);
    } else if (seen.hash !== j.hash) {
      answered.set(j, {
        refused: unprocessable('header.idempotency-key', 'this key was used for a different case'),
      });
    } else answered.set(j, 'caseId' in seen ? { replayOf: seen.caseId } : { sameAs: seen });
  }
  return { fresh, answered };
}

/**
 * Write new cases in the caller's transaction with one statement per table for the whole batch
 * (idempotency keys, numbers, reporters' personal data, cases, case_number, history, duplicate
 * links, dashboard rollups): a fixed number of statements whatever the batch size. Returns the
 * outcomes in the order of the jobs.
 */
export async function writeIntakes(
  trx: Transaction<DB>,
  ctx: AppContext,
  batch: IntakeJob[],
): Promise<IntakeOutcome[]> {
  const { fresh, answered } = await sortOutReplays(trx, batch);
  const rows = fresh.length ? await writeNew(trx, ctx, fresh) : [];
  const made = new Map(fresh.map((j, i) => [j, rows[i] as CaseRow]));
  return batch.map((j) => {
    const row = made.get(j);
    if (row) return { row };
    const answer = answered.get(j) as IntakeOutcome | { sameAs: IntakeJob };
    return 'sameAs' in answer ? { replayOf: (made.get(answer.sameAs) as CaseRow).id } : answer;
  });
}

async function writeNew(trx: Transaction<DB>, ctx: AppContext, given: IntakeJob[]): Promise<CaseRow[]> {
  // a region moved since the jobs were located: they follow it, like the cases already there
  const places = await currentPlaces(
    trx,
    given.map((j) => j.place),
  );
  const jobs = given.map((j, i) => (places[i] === j.place ? j : { ...j, place: places[i] as CasePlace }));
  const numbers = new Map<IntakeJob, string>();
  const counts = new Map<string, number>();
  for (const j of jobs) {
    const k = `${district6(j)}:${j.year}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const next = await reserveNumbers(trx, counts);
  for (const j of jobs) {
    const k = `${district6(j)}:${j.year}`;
    const n = next.get(k) as number;
    next.set(k, n + 1);
    numbers.set(j, formatCaseNumber(district6(j), j.year, n));
  }
  const named = jobs.filter((j) => j.input.reporter && !j.input.anonymous);
  const personIds = await ctx.services.identity.persons.createMany(
    trx,
    named.map((j) => ({ ...j.input.reporter, regionPath: j.place.regionPath })),
  );
  const personOf = new Map(named.map((j, i) => [j, personIds[i] as number]));
  const persons = jobs.map((j) => personOf.get(j) ?? null);
  const inserted = await trx
    .insertInto('cases')
    .values(
      jobs.map((j, i) => {
        const { input, place, now } = j;
        const onSpot = Boolean(input.handledOnSpot);
        return {
          city_code: place.cityCode,
          district_code: place.districtCode,
          street_code: place.streetCode,
          community_code: place.communityCode,
          grid_code: place.gridCode,
          region_path: place.regionPath,
          number: numbers.get(j) as string,
          kind: input.kind,
          category_code: j.category.code,
          attributes: JSON.stringify(input.attributes ?? {}),
          title: (input.title ?? '').trim() || `${j.category.name_zh}：${input.description.slice(0, 40)}`,
          description: input.description,
          lon: input.location?.lon ?? null,
          lat: input.location?.lat ?? null,
          address: input.address ?? null,
          channel: input.channel,
          priority: input.priority ?? 'normal',
          status: j.status,
          level: j.level,
          current_unit_id: j.routed.id,
          centre_unit_id: j.centre.id,
          reporter_person_id: persons[i] ?? null,
          reporter_user_id: j.actor.userId,
          anonymous: input.anonymous === true || !input.reporter,
          ...j.clock,
          reported_at: now,
          accepted_at: j.routed.id === j.centre.id && !onSpot ? null : now,
          resolved_at: onSpot ? now : null,
          closed_at: onSpot ? now : null,
          updated_at: now,
        };
      }),
    )
    .returningAll()
    .execute();
  const byNumber = new Map(inserted.map((r) => [r.number, normaliseCase(r)]));
  const rows = jobs.map((j) => byNumber.get(numbers.get(j) as string) as CaseRow);
  await trx
    .insertInto('case_number')
    .values(
      rows.map((r) => ({
        number: r.number,
        case_id: r.id,
        district_code: r.district_code,
        reported_at: r.reported_at,
      })),
    )
    .execute();
  const keyed = jobs.flatMap((j, i) =>
    j.key ? [{ key: j.key, request_hash: j.hash, case_id: (rows[i] as CaseRow).id }] : [],
  );
  if (keyed.length) await trx.insertInto('case_idempotency').values(keyed).execute();
  const kindDetails = await applyKindIntakes(
    ctx.services.caseKinds,
    trx,
    jobs.map((j) => ({ actor: j.actor, now: j.now, kindData: j.input.kindData })),
    rows,
  );
  await trx
    .insertInto('case_action')
    .values(jobs.flatMap((j, i) => historyOf(j, rows[i] as CaseRow, kindDetails[i])))
    .execute();
  const linked = await findAndLinkDuplicatesMany(trx, rows);
  rows.forEach((row, i) => {
    const first = linked[i]?.find((d) => d.kind === 'duplicate');
    if (first) row.duplicate_of = first.caseId;
  });
  await applyCaseDeltas(
    trx,
    rows.map((row) => [null, row] as const),
  );
  return rows;
}

/** The first history rows of a new case: its report (with its kind's part) and its on-the-spot handling. */
function historyOf(j: IntakeJob, row: CaseRow, kind?: Record<string, unknown>) {
  const toCentre = j.routed.id === j.centre.id;
  const first: CaseState = toCentre ? 'reported' : 'dispatched';
  const common = {
    city_code: row.city_code,
    district_code: row.district_code,
    case_id: row.id,
    actor_user_id: j.actor.userId,
    at: j.now,
  };
  const routing = {
    unitId: j.routed.id,
    unitName: j.routed.name,
    centreUnitId: j.centre.id,
    byCategory: !toCentre,
    ...(j.unstaffed
      ? { fallbackFrom: { unitId: j.unstaffed.id, unitName: j.unstaffed.name, reason: 'no_active_staff' } }
      : {}),
  };
  const rows: {
    seq: number;
    action: string;
    actor_unit_id: number | null;
    actor_role: string;
    from_status: string | null;
    to_status: string;
    payload: string;
  }[] = [
    {
      seq: 1,
      action: 'report',
      actor_unit_id: j.actor.unitIds[0] ?? null,
      actor_role: j.actor.kind === 'staff' ? 'reporter' : j.actor.kind,
      from_status: null,
      to_status: first,
      payload: JSON.stringify({ channel: j.input.channel, routing, ...(kind ? { kind } : {}) }),
    },
  ];
  if (j.input.handledOnSpot)
    rows.push({
      seq: 2,
      action: 'handle_on_spot',
      actor_unit_id: null,
      actor_role: 'grid_worker',
      from_status: first,
      to_status: 'closed',
      payload: JSON.stringify({ result: j.input.handledOnSpot.result }),
    });
  return rows.map((r) => ({ ...common, ...r }));
}
