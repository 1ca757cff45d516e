import type { AppContext } from '../../context.ts';
import type { Actor } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { kindDetail } from '../kinds/detail.ts';
import { caseForActor, standingOn } from '../workflow/case-access.ts';
import type { CaseRow } from '../workflow/case-history.ts';
import { caseDetailParts } from './case-detail-parts.ts';
import { namesOf, type PlaceNames } from './case-place-names.ts';

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
  return detailOf(ctx, actor, row, allowed);
}

/**
 * The case page of a case just written (an action's answer): from the row the action wrote, the
 * rest in one statement, and what the actor may do now derived from it (no second read of the case).
 */
export function caseDetailOfWritten(
  ctx: AppContext,
  actor: Actor,
  result: { caseId: number; after?: CaseRow | undefined },
) {
  return result.after ? detailOf(ctx, actor, result.after) : caseDetail(ctx, actor, result.caseId);
}

async function detailOf(ctx: AppContext, actor: Actor, row: CaseRow, allowedNow?: readonly string[]) {
  const parts = await caseDetailParts(ctx, actor, row);
  const { history, summons, links, copies, attachments, category } = parts;
  const mergedInto = parts.mergedTarget.length > 0 ? row.merged_into : null;
  const units = new Map(
    parts.units.map((u) => [Number(u.id), { id: Number(u.id), name: u.name, kind: u.kind as string }]),
  );
  const allowed =
    allowedNow ??
    standingOn(ctx, actor, row, {
      summonses: summons.map((s) => ({ ...summonsFact(s) })),
      copyUnitIds: copies.map((c) => Number(c.unit_id)),
      currentUnitKind: row.current_unit_id !== null ? units.get(row.current_unit_id)?.kind : undefined,
    }).allowed;
  const reporter =
    row.reporter_person_id !== null
      ? ((await ctx.services.identity.persons.masked([row.reporter_person_id])).get(row.reporter_person_id) ??
        null)
      : null;
  const staffView = actor.kind === 'staff';
  const now = serverNow(ctx);
  const kind = await kindDetail(ctx, row, now);
  const names = new Map(parts.places.map((p) => [p.code, p.name]));
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

const summonsFact = (s: {
  id: unknown;
  unit_id: unknown;
  summoned_at: unknown;
  reported_in_at: unknown;
  done_at: unknown;
  rated_at: unknown;
}) => ({
  id: Number(s.id),
  unitId: Number(s.unit_id),
  summonedAt: String(s.summoned_at),
  reportedInAt: (s.reported_in_at as string | null) ?? null,
  doneAt: (s.done_at as string | null) ?? null,
  ratedAt: (s.rated_at as string | null) ?? null,
});

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
