import { type Selectable, sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import type { PlaceRow } from './tables.ts';

/** A place as responses show it: the responsible person masked. */
export async function placeViews(ctx: AppContext, rows: PlaceRow[]) {
  const persons = await ctx.services.identity.persons.masked(
    rows.flatMap((r) => (r.responsible_person_id == null ? [] : [Number(r.responsible_person_id)])),
  );
  const now = serverNow(ctx);
  return rows.map((r) => ({
    id: Number(r.id),
    key: r.key,
    name: r.name,
    type: r.place_type,
    sizeClass: r.size_class,
    areaM2: r.area_m2,
    address: r.address,
    location: r.lon == null || r.lat == null ? null : { lon: r.lon, lat: r.lat },
    gridCode: r.grid_code,
    regionPath: r.region_path,
    safetyGridCode: r.safety_grid_code,
    responsible:
      r.responsible_person_id == null ? null : (persons.get(Number(r.responsible_person_id)) ?? null),
    licences: r.licences,
    riskTier: r.risk_tier,
    recurrences: r.recurrences,
    lastInspectedAt: r.last_inspected_at ? new Date(r.last_inspected_at).toISOString() : null,
    nextDueAt: new Date(r.next_due_at).toISOString(),
    overdue: r.retired_at == null && new Date(r.next_due_at).getTime() < now.getTime(),
    retired: r.retired_at != null,
    version: r.version,
  }));
}

/**
 * A place's page: the place, its schedule, its last 50 visits and 100 hazards with their cases —
 * one statement (JSON sub-selects on `inspection_place_idx` and `hazard_place_found_idx`), then
 * the responsible person masked.
 */
export async function placePage(ctx: AppContext, actor: Actor, id: number) {
  const r = await sql<{
    place: PlaceRow;
    grid_name: string | null;
    inspections: VisitLine[];
    hazards: HazardRow[];
  }>`
    select to_jsonb(p) as place,
      (select g.name from region g where g.code = p.grid_code) as grid_name,
      coalesce((select jsonb_agg(i order by i.at desc, i.id desc) from (
        select id, at, inspector_name, failed, template_id, campaign_id from inspection
        where place_id = p.id order by at desc limit 50) i), '[]') as inspections,
      coalesce((select jsonb_agg(h order by h.found_at desc, h.id desc) from (
        select * from hazard where place_id = p.id order by found_at desc limit 100) h), '[]') as hazards
    from place p where p.id = ${id}`.execute(ctx.db);
  const page = r.rows[0];
  if (!page || !can(actor, 'place.read', { regionPath: page.place.region_path }))
    throw notFound(`place ${id}`);
  const [place] = (await placeViews(ctx, [page.place])) as [Awaited<ReturnType<typeof placeViews>>[number]];
  const now = serverNow(ctx);
  return {
    place: { ...place, gridName: page.grid_name },
    inspections: page.inspections.map((i) => ({
      id: Number(i.id),
      at: new Date(i.at).toISOString(),
      inspectorName: i.inspector_name,
      failed: i.failed,
      templateId: Number(i.template_id),
      campaignId: i.campaign_id == null ? null : Number(i.campaign_id),
    })),
    hazards: page.hazards.map((h) => hazardSummary(h, now)),
  };
}

type HazardRow = Selectable<DB['hazard']>;
interface VisitLine {
  id: number;
  at: string;
  inspector_name: string;
  failed: number;
  template_id: number;
  campaign_id: number | null;
}

export function hazardSummary(h: Selectable<DB['hazard']>, now: Date) {
  const deadline = new Date(h.deadline_at);
  return {
    id: Number(h.id),
    placeId: Number(h.place_id),
    inspectionId: Number(h.inspection_id),
    itemCode: h.item_code,
    itemText: h.item_text,
    severity: h.severity,
    status: h.status,
    foundAt: new Date(h.found_at).toISOString(),
    deadlineAt: deadline.toISOString(),
    overdue: h.status === 'open' && deadline.getTime() < now.getTime(),
    redCard: h.red_card_at != null,
    recurrence: h.recurrence,
    extensions: h.extensions,
    caseId: h.case_id == null ? null : Number(h.case_id),
    caseNumber: h.case_number,
    gridCode: h.grid_code,
  };
}
