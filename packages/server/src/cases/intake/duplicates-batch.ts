import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { boundingBox, type Candidate, decideLinks } from '../domain/duplicates.ts';
import { enqueueCaseHooks, hookPayload } from '../notifications/webhooks-outbox.ts';
import type { CaseLinkFound, FreshCase } from './duplicates-types.ts';

/** Earlier cases of the same reporter count as repeats for this long. */
export const REPEAT_WINDOW_DAYS = 90;
/** At most this many links per new case (the nearest, duplicates first). */
const MAX_LINKS = 20;
const RESIDENT_CHANNELS = new Set(['portal', 'open311']);

interface CandidateRow {
  n: number;
  id: number;
  number: string;
  category_code: string;
  grid_code: string | null;
  lon: number | null;
  lat: number | null;
  same_reporter: boolean;
}

/** Each new case's search: its category's radius and window, and its reporter. */
interface Search {
  n: number;
  fresh: FreshCase;
  radius: number;
  reportedAt: Date;
  windowStart: Date;
  residentUser: number | null;
}

/** Open cases of the same category within each case's radius and window: one query for all. */
async function nearby(trx: Transaction<DB>, searches: Search[]): Promise<CandidateRow[]> {
  const located = searches.filter((s) => s.fresh.lon !== null && s.fresh.lat !== null && s.radius > 0);
  if (located.length === 0) return [];
  const values = located.map((s) => {
    const box = boundingBox({ lon: s.fresh.lon as number, lat: s.fresh.lat as number }, s.radius);
    return sql`(${s.n}::int, ${s.fresh.id}::bigint, ${s.fresh.category_code}::text, ${s.windowStart}::timestamptz,
      ${s.reportedAt}::timestamptz, ${box.minLon}::float8, ${box.maxLon}::float8, ${box.minLat}::float8, ${box.maxLat}::float8)`;
  });
  const r = await sql<CandidateRow>`
    select v.n, c.id, c.number, c.category_code, c.grid_code, c.lon, c.lat, false as same_reporter
    from (values ${sql.join(values)}) as v (n, id, category_code, since, until, min_lon, max_lon, min_lat, max_lat)
    cross join lateral (
      select id, number, category_code, grid_code, lon, lat
      from cases
      where category_code = v.category_code and reported_at >= v.since and reported_at <= v.until
        and closed_at is null and id <> v.id
        and lon between v.min_lon and v.max_lon and lat between v.min_lat and v.max_lat
      limit 200
    ) as c
  `.execute(trx);
  return r.rows;
}

/**
 * Earlier cases of each case's reporter: people with the same keyed phone hash (up to 100), or
 * the resident's account. One query for all, newest first per case.
 */
async function sameReporter(trx: Transaction<DB>, searches: Search[]): Promise<CandidateRow[]> {
  const asked = searches.filter((s) => s.fresh.reporter_person_id !== null || s.residentUser !== null);
  if (asked.length === 0) return [];
  const values = asked.map((s) => {
    const since = new Date(s.reportedAt.getTime() - REPEAT_WINDOW_DAYS * 86_400_000);
    return sql`(${s.n}::int, ${s.fresh.id}::bigint, ${s.fresh.reporter_person_id}::bigint,
      ${s.residentUser}::bigint, ${since}::timestamptz, ${s.reportedAt}::timestamptz)`;
  });
  const r = await sql<CandidateRow>`
    select v.n, c.id, c.number, c.category_code, c.grid_code, c.lon, c.lat, true as same_reporter
    from (values ${sql.join(values)}) as v (n, id, person_id, user_id, since, until)
    cross join lateral (
      select array(
        select p2.id from person p1 join person p2 on p2.phone_hash = p1.phone_hash
        where p1.id = v.person_id and p1.phone_hash is not null
        limit 100
      ) as ids
    ) as people
    cross join lateral (
      -- two branches, so each reads its own reporter index (an "or" scans the window by date)
      select * from (
        select id, number, category_code, grid_code, lon, lat, reported_at from cases
        where reporter_person_id = any(people.ids)
          and reported_at >= v.since and reported_at <= v.until and id <> v.id
        union
        select id, number, category_code, grid_code, lon, lat, reported_at from cases
        where reporter_user_id = v.user_id
          and reported_at >= v.since and reported_at <= v.until and id <> v.id
      ) as mine
      order by reported_at desc
      limit 200
    ) as c
  `.execute(trx);
  return r.rows;
}

/**
 * Duplicate and repeat detection for a batch of new cases in the intake transaction (see
 * findAndLinkDuplicates): a fixed number of statements whatever the batch size — categories,
 * nearby candidates, same-reporter candidates, the links, the duplicate_of marks and the
 * 'case.linked' webhooks. Returns each case's links, in the order of `cases`.
 */
export async function findAndLinkDuplicatesMany(
  trx: Transaction<DB>,
  cases: readonly FreshCase[],
): Promise<CaseLinkFound[][]> {
  if (cases.length === 0) return [];
  const codes = [...new Set(cases.map((c) => c.category_code))];
  const categories = new Map(
    (
      await trx
        .selectFrom('case_category')
        .select(['code', 'duplicate_radius_m', 'duplicate_window_hours'])
        .where('code', 'in', codes)
        .execute()
    ).map((c) => [c.code, c]),
  );
  const searches: Search[] = [];
  cases.forEach((fresh, n) => {
    const category = categories.get(fresh.category_code);
    if (!category) return;
    const reportedAt = new Date(fresh.reported_at);
    searches.push({
      n,
      fresh,
      radius: Number(category.duplicate_radius_m),
      reportedAt,
      windowStart: new Date(reportedAt.getTime() - Number(category.duplicate_window_hours) * 3_600_000),
      residentUser: RESIDENT_CHANNELS.has(fresh.channel) ? fresh.reporter_user_id : null,
    });
  });
  const candidates = new Map<number, CandidateRow[]>(searches.map((s) => [s.n, []]));
  for (const row of await nearby(trx, searches)) candidates.get(Number(row.n))?.push(row);
  for (const row of await sameReporter(trx, searches)) {
    const list = candidates.get(Number(row.n)) as CandidateRow[];
    const i = list.findIndex((c) => Number(c.id) === Number(row.id));
    if (i >= 0) list.splice(i, 1);
    list.push(row);
  }

  const found: CaseLinkFound[][] = cases.map(() => []);
  for (const s of searches) {
    const list = candidates.get(s.n) as CandidateRow[];
    if (list.length === 0) continue;
    const numbers = new Map(list.map((c) => [Number(c.id), c.number]));
    found[s.n] = decideLinks(
      {
        categoryCode: s.fresh.category_code,
        gridCode: s.fresh.grid_code,
        lon: s.fresh.lon ?? undefined,
        lat: s.fresh.lat ?? undefined,
      },
      list.map(
        (c): Candidate => ({
          id: Number(c.id),
          categoryCode: c.category_code,
          gridCode: c.grid_code,
          sameReporter: c.same_reporter,
          ...(c.lon !== null && c.lat !== null ? { lon: c.lon, lat: c.lat } : {}),
        }),
      ),
      s.radius,
    )
      .slice(0, MAX_LINKS)
      .map((d) => ({ ...d, number: numbers.get(d.caseId) ?? '' }));
  }
  await storeLinks(trx, cases, found);
  return found;
}

/** The links, the new cases' duplicate_of (nearest duplicate) and their 'case.linked' webhooks. */
async function storeLinks(trx: Transaction<DB>, cases: readonly FreshCase[], found: CaseLinkFound[][]) {
  const linked = cases.flatMap((fresh, n) =>
    (found[n]?.length ?? 0) > 0 ? [{ fresh, links: found[n] }] : [],
  );
  if (linked.length === 0) return;
  await trx
    .insertInto('case_link')
    .values(
      linked.flatMap(({ fresh, links }) =>
        (links as CaseLinkFound[]).map((d) => ({
          city_code: fresh.city_code,
          case_id: fresh.id,
          linked_case_id: d.caseId,
          kind: d.kind,
          detail: JSON.stringify({ reason: d.reason, distanceM: d.distanceM }),
        })),
      ),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const marks = linked.flatMap(({ fresh, links }) => {
    const first = (links as CaseLinkFound[]).find((d) => d.kind === 'duplicate');
    return first ? [sql`(${fresh.id}::bigint, ${fresh.city_code}::text, ${first.caseId}::bigint)`] : [];
  });
  if (marks.length > 0)
    await sql`
      update cases set duplicate_of = v.duplicate_of
      from (values ${sql.join(marks)}) as v (id, city_code, duplicate_of)
      where cases.id = v.id and cases.city_code = v.city_code
    `.execute(trx);
  await enqueueCaseHooks(
    trx,
    linked.map(({ fresh, links }) => ({
      event: 'case.linked',
      caseId: fresh.id,
      payload: hookPayload('case.linked', new Date(fresh.reported_at), {
        caseId: fresh.id,
        number: fresh.number,
        links,
      }),
    })),
  );
}
