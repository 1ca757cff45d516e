import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { boundingBox, type Candidate, decideLinks, type LinkDecision } from './domain/duplicates.ts';
import { notifyUsers } from './notifications-service.ts';
import { enqueueWebhook } from './webhooks-service.ts';

/** Earlier cases of the same reporter count as repeats for this long. */
export const REPEAT_WINDOW_DAYS = 90;
/** At most this many links per new case (the nearest, duplicates first). */
const MAX_LINKS = 20;
const RESIDENT_CHANNELS = new Set(['portal', 'open311']);

/** The new case's columns duplicate detection reads (a `cases` row, as intake just wrote it). */
export interface FreshCase {
  id: number;
  city_code: string;
  number: string;
  category_code: string;
  channel: string;
  lon: number | null;
  lat: number | null;
  grid_code: string | null;
  reported_at: Date | string;
  reporter_person_id: number | null;
  reporter_user_id: number | null;
}

export interface CaseLinkFound extends LinkDecision {
  number: string;
}

interface CandidateRow {
  id: number;
  number: string;
  category_code: string;
  grid_code: string | null;
  lon: number | null;
  lat: number | null;
  same_reporter: boolean;
}

/**
 * At intake, inside the intake transaction: find open cases of the same category within the
 * category's radius and window (bounding box in SQL, then haversine), and earlier cases of the
 * same reporter (keyed phone hash; a resident's account) about the same category or place; link
 * them to the new case (case_link, shown on both) and set its `duplicate_of` to the nearest
 * duplicate. The new case is never dropped. Returns the links made.
 */
export async function findAndLinkDuplicates(
  trx: Transaction<DB>,
  _ctx: AppContext,
  fresh: FreshCase,
): Promise<CaseLinkFound[]> {
  const category = await trx
    .selectFrom('case_category')
    .select(['duplicate_radius_m', 'duplicate_window_hours'])
    .where('code', '=', fresh.category_code)
    .executeTakeFirst();
  if (!category) return [];
  const radius = Number(category.duplicate_radius_m);
  const reportedAt = new Date(fresh.reported_at);
  const windowStart = new Date(reportedAt.getTime() - Number(category.duplicate_window_hours) * 3_600_000);
  const candidates: CandidateRow[] = [];

  if (fresh.lon !== null && fresh.lat !== null && radius > 0) {
    const box = boundingBox({ lon: fresh.lon, lat: fresh.lat }, radius);
    const near = await sql<CandidateRow>`
      select id, number, category_code, grid_code, lon, lat, false as same_reporter
      from cases
      where category_code = ${fresh.category_code} and reported_at >= ${windowStart} and reported_at <= ${reportedAt}
        and closed_at is null and id <> ${fresh.id}
        and lon between ${box.minLon} and ${box.maxLon} and lat between ${box.minLat} and ${box.maxLat}
      limit 200
    `.execute(trx);
    candidates.push(...near.rows);
  }

  const personIds = await samePhonePersons(trx, fresh.reporter_person_id);
  const residentUser = RESIDENT_CHANNELS.has(fresh.channel) ? fresh.reporter_user_id : null;
  if (personIds.length > 0 || residentUser !== null) {
    const since = new Date(reportedAt.getTime() - REPEAT_WINDOW_DAYS * 86_400_000);
    const mine = await sql<CandidateRow>`
      select id, number, category_code, grid_code, lon, lat, true as same_reporter
      from cases
      where (${personIds.length > 0 ? sql`reporter_person_id in (${sql.join(personIds)})` : sql`false`}
             or ${residentUser !== null ? sql`reporter_user_id = ${residentUser}` : sql`false`})
        and reported_at >= ${since} and reported_at <= ${reportedAt} and id <> ${fresh.id}
      order by reported_at desc
      limit 200
    `.execute(trx);
    for (const r of mine.rows) {
      const i = candidates.findIndex((c) => Number(c.id) === Number(r.id));
      if (i >= 0) candidates.splice(i, 1);
      candidates.push(r);
    }
  }
  if (candidates.length === 0) return [];

  const numbers = new Map(candidates.map((c) => [Number(c.id), c.number]));
  const decisions = decideLinks(
    {
      categoryCode: fresh.category_code,
      gridCode: fresh.grid_code,
      lon: fresh.lon ?? undefined,
      lat: fresh.lat ?? undefined,
    },
    candidates.map(
      (c): Candidate => ({
        id: Number(c.id),
        categoryCode: c.category_code,
        gridCode: c.grid_code,
        sameReporter: c.same_reporter,
        ...(c.lon !== null && c.lat !== null ? { lon: c.lon, lat: c.lat } : {}),
      }),
    ),
    radius,
  ).slice(0, MAX_LINKS);
  if (decisions.length === 0) return [];

  await trx
    .insertInto('case_link')
    .values(
      decisions.map((d) => ({
        city_code: fresh.city_code,
        case_id: fresh.id,
        linked_case_id: d.caseId,
        kind: d.kind,
        detail: JSON.stringify({ reason: d.reason, distanceM: d.distanceM }),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const firstDuplicate = decisions.find((d) => d.kind === 'duplicate');
  if (firstDuplicate) {
    await trx
      .updateTable('cases')
      .set({ duplicate_of: firstDuplicate.caseId })
      .where('id', '=', fresh.id)
      .where('city_code', '=', fresh.city_code)
      .execute();
  }
  const found = decisions.map((d) => ({ ...d, number: numbers.get(d.caseId) ?? '' }));
  await enqueueWebhook(
    trx,
    'case.linked',
    { caseId: fresh.id, number: fresh.number, links: found },
    reportedAt,
  );
  return found;
}

async function samePhonePersons(trx: Transaction<DB>, personId: number | null): Promise<number[]> {
  if (personId === null) return [];
  const rows = await sql<{ id: number }>`
    select p2.id from person p1 join person p2 on p2.phone_hash = p1.phone_hash
    where p1.id = ${personId} and p1.phone_hash is not null
    limit 100
  `.execute(trx);
  return rows.rows.map((r) => Number(r.id));
}

/**
 * When cases-core merges a duplicate into its original (inside the merge transaction): link
 * the two as 'merged', set `merged_into`, and tell the duplicate's reporter the original's
 * number, which they now follow.
 */
export async function recordMerge(
  trx: Transaction<DB>,
  duplicate: { id: number; city_code: string; number: string; reporter_user_id: number | null },
  original: { id: number; number: string },
  byUserId: number | null,
): Promise<void> {
  await trx
    .insertInto('case_link')
    .values({
      city_code: duplicate.city_code,
      case_id: duplicate.id,
      linked_case_id: original.id,
      kind: 'merged',
      detail: JSON.stringify({ originalNumber: original.number }),
      created_by: byUserId,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx
    .updateTable('cases')
    .set({ merged_into: original.id })
    .where('id', '=', duplicate.id)
    .where('city_code', '=', duplicate.city_code)
    .execute();
  if (duplicate.reporter_user_id !== null) {
    await notifyUsers(trx, [duplicate.reporter_user_id], {
      kind: 'merged',
      caseId: original.id,
      caseNumber: original.number,
      title: `您反映的问题 ${duplicate.number} 已并入 ${original.number} 一并办理`,
      body: `Your report ${duplicate.number} was merged into ${original.number}; follow that case for progress.`,
    });
  }
}
