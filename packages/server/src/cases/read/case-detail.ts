import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { kindDetail } from '../kinds/detail.ts';
import { caseScopeOf, visibleTo } from '../policy.ts';
import { caseForActor } from '../workflow/action-service.ts';
import type { CaseRow } from '../workflow/case-history.ts';
import { namesOf, type PlaceNames, placeNames } from './case-place-names.ts';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Names of units, for display (one query). */
export async function unitNames(
  ctx: AppContext,
  ids: (number | null)[],
): Promise<Map<number, { id: number; name: string; kind: string }>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('unit')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), { id: Number(r.id), name: r.name, kind: r.kind }]));
}

/** The list view of a case (search results, inbox); places by name from `placeNames`. */
export function caseSummary(row: CaseRow, now: Date, names: PlaceNames) {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    categoryCode: row.category_code,
    title: row.title,
    status: row.status,
    level: row.level,
    priority: row.priority,
    card: row.card,
    isKey: row.is_key,
    gridCode: row.grid_code,
    districtCode: row.district_code,
    ...namesOf(row, names),
    currentUnitId: row.current_unit_id,
    reportedAt: iso(row.reported_at),
    dueAt: iso(row.due_at),
    overdue: row.closed_at === null && row.due_at !== null && new Date(row.due_at) < now,
  };
}

/**
 * A case as its reader sees it now: the case, its history, what this actor may do, deadlines,
 * summonses, links, copies and attachments; the reporter's personal data masked.
 */
export async function caseDetail(ctx: AppContext, actor: Actor, idOrNumber: string | number) {
  const { row, allowed } = await caseForActor(ctx, actor, idOrNumber);
  // everything the page shows about the case in one statement (a JSON array per part)
  const parts = await ctx.db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_action as a')
          .leftJoin('unit as au', 'au.id', 'a.actor_unit_id')
          .leftJoin('app_user as who', 'who.id', 'a.actor_user_id')
          .selectAll('a')
          .select(['au.name as actor_unit_name', 'who.display_name as actor_name'])
          .where('a.case_id', '=', row.id)
          .orderBy('a.seq'),
      ).as('history'),
      jsonArrayFrom(eb.selectFrom('case_summons').selectAll().where('case_id', '=', row.id).orderBy('id')).as(
        'summons',
      ),
      jsonArrayFrom(
        eb
          .selectFrom('case_link as l')
          // a linked case shows only to a reader who may read it (links are made city-wide)
          .innerJoin('cases', (join) =>
            join.on(
              'cases.id',
              '=',
              sql<number>`case when l.case_id = ${row.id} then l.linked_case_id else l.case_id end`,
            ),
          )
          .select(['l.case_id', 'l.linked_case_id', 'l.kind', 'l.detail', 'cases.number', 'cases.status'])
          // with the city: the primary key (city_code, case_id, …) finds the outgoing links
          .where((w) =>
            w.or([
              w.and([w('l.city_code', '=', row.city_code), w('l.case_id', '=', row.id)]),
              w('l.linked_case_id', '=', row.id),
            ]),
          )
          .where((w) => visibleTo(w as unknown as ExpressionBuilder<DB, 'cases'>, caseScopeOf(actor))),
      ).as('links'),
      jsonArrayFrom(eb.selectFrom('case_copy').selectAll().where('case_id', '=', row.id).orderBy('id')).as(
        'copies',
      ),
      // the case it was merged into, only when the reader may read that case (else as if absent)
      jsonArrayFrom(
        eb
          .selectFrom('cases')
          .select('cases.id')
          .where('cases.id', '=', row.merged_into ?? -1)
          .where((w) => visibleTo(w as unknown as ExpressionBuilder<DB, 'cases'>, caseScopeOf(actor))),
      ).as('mergedTarget'),
      jsonArrayFrom(
        eb.selectFrom('case_attachment').selectAll().where('case_id', '=', row.id).orderBy('id'),
      ).as('attachments'),
      jsonObjectFrom(
        eb
          .selectFrom('case_category')
          .select(['code', 'name_zh', 'name_en'])
          .where('code', '=', row.category_code),
      ).as('category'),
      jsonArrayFrom(
        eb
          .selectFrom('unit')
          .select(['id', 'name', 'kind'])
          .where((w) =>
            w.or([
              w('id', 'in', [row.current_unit_id ?? -1, row.centre_unit_id ?? -1]),
              w('id', 'in', w.selectFrom('case_summons').select('unit_id').where('case_id', '=', row.id)),
              w('id', 'in', w.selectFrom('case_copy').select('unit_id').where('case_id', '=', row.id)),
            ]),
          ),
      ).as('units'),
    ])
    .executeTakeFirstOrThrow();
  const { history, summons, links, copies, attachments, category } = parts;
  const mergedInto = parts.mergedTarget.length > 0 ? row.merged_into : null;
  const units = new Map(
    parts.units.map((u) => [Number(u.id), { id: Number(u.id), name: u.name, kind: u.kind as string }]),
  );
  const reporter =
    row.reporter_person_id !== null
      ? ((await ctx.services.identity.persons.masked([row.reporter_person_id])).get(row.reporter_person_id) ??
        null)
      : null;
  const staffView = actor.kind === 'staff';
  const now = serverNow(ctx);
  const kind = await kindDetail(ctx, row, now);
  const names = await placeNames(ctx, [row]);
  return {
    ...caseSummary(row, now, names),
    category: category ? { code: category.code, nameZh: category.name_zh, nameEn: category.name_en } : null,
    attributes: row.attributes,
    description: row.description,
    location: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null,
    address: row.address,
    region: {
      cityCode: row.city_code,
      districtCode: row.district_code,
      streetCode: row.street_code,
      communityCode: row.community_code,
      gridCode: row.grid_code,
      path: row.region_path,
    },
    channel: row.channel,
    currentUnit: row.current_unit_id !== null ? (units.get(row.current_unit_id) ?? null) : null,
    centreUnit: row.centre_unit_id !== null ? (units.get(row.centre_unit_id) ?? null) : null,
    handlerUserId: staffView ? row.handler_user_id : null,
    reporter,
    anonymous: row.anonymous,
    rating: row.rating,
    ratingComment: row.rating_comment,
    ratingsGiven: {
      satisfied: row.ratings_satisfied,
      basicallySatisfied: row.ratings_basically_satisfied,
      unsatisfied: row.ratings_unsatisfied,
    },
    acceptedAt: iso(row.accepted_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    mergedInto,
    version: row.version,
    deadlines: {
      step: row.step,
      startedAt: iso(row.step_started_at),
      warnAt: iso(row.warn_at),
      dueAt: iso(row.due_at),
      suspendedAt: iso(row.suspended_at),
      pendingExtension: row.pending_extension,
    },
    allowedActions: allowed,
    history: history.map((h) => ({
      seq: h.seq,
      action: h.action,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      actorUserId: staffView ? h.actor_user_id : null,
      /** Who acted, by name: for staff readers only (residents see the unit). */
      actorName: staffView ? h.actor_name : null,
      actorUnitId: h.actor_unit_id === null ? null : Number(h.actor_unit_id),
      actorUnitName: h.actor_unit_name,
      actorRole: h.actor_role,
      payload: h.action === 'merge' && mergedInto === null ? withoutMergeTarget(h.payload) : h.payload,
      at: iso(h.at),
    })),
    summons: summons.map((s) => ({
      unitId: Number(s.unit_id),
      unitName: units.get(Number(s.unit_id))?.name ?? null,
      summonedAt: iso(s.summoned_at),
      reportInDueAt: iso(s.report_in_due_at),
      reportedInAt: iso(s.reported_in_at),
      doneAt: iso(s.done_at),
      doneNote: s.done_note,
      rating: s.rating,
      ratingComment: s.rating_comment,
    })),
    links: links.map((l) => {
      const outgoing = Number(l.case_id) === row.id;
      const otherId = Number(outgoing ? l.linked_case_id : l.case_id);
      return {
        caseId: otherId,
        number: l.number ?? null,
        status: l.status ?? null,
        kind: l.kind,
        direction: outgoing ? 'to' : 'from',
        detail: l.detail,
      };
    }),
    copies: copies.map((c) => ({
      unitId: Number(c.unit_id),
      unitName: units.get(Number(c.unit_id))?.name ?? null,
      note: c.note,
      at: iso(c.at),
    })),
    attachments: attachments.map((a) => ({
      sha256: a.sha256,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      fileName: a.file_name,
      at: iso(a.at),
    })),
    ...kind,
  };
}

/** A merge's history row without the case it went into (for a reader who may not read that case). */
function withoutMergeTarget(payload: unknown): Record<string, unknown> {
  const {
    intoCaseId: _id,
    intoNumber: _number,
    into: _into,
    ...rest
  } = (payload ?? {}) as Record<string, unknown>;
  return rest;
}
