import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { PlaceType, Severity } from '../inspections/index.ts';
import { CaseRows, type KindAction, maxId, setIdentity } from './case-rows.ts';
import { copyLine, isoOrNull } from './domain/copy-text.ts';
import { type PlaceTimeline, walkHazard } from './domain/inspection-walk.ts';
import type { Random } from './domain/random.ts';
import { VISIT_COLUMNS } from './inspection-columns.ts';
import { CopySink } from './sink.ts';
import type { GenGrid, GenUnits } from './world.ts';

export interface GenTemplate {
  id: number;
  items: {
    code: string;
    textZh: string;
    severity: string;
    category: string;
    answerType: 'pass_fail' | 'count';
    min?: number;
    photoOnFail: boolean;
  }[];
}

export interface GenPlace {
  id: number;
  name: string;
  grid: GenGrid;
  type: PlaceType;
  template: GenTemplate;
  lon: number | null;
  lat: number | null;
  timeline: PlaceTimeline;
}

export interface GenCampaign {
  id: number;
  types: Set<string>;
  start: number;
  end: number;
}

const INSPECTORS = ['张安全', '李巡查', '王网格', '赵消防', '陈排查', '刘检查'];
const photo = (seed: string, at: number, lon: number, lat: number) => ({
  sha256: createHash('sha256').update(seed).digest('hex'),
  takenAt: new Date(at).toISOString(),
  lon,
  lat,
});

/**
 * The visits of every place in time order: the inspection with its answers, a hazard for each
 * failed item with its case (kind hazard) and history, and the hazard's events. Loaded in the
 * order the foreign keys need (inspection, hazard, hazard_event).
 */
export async function writeVisits(
  database: Database,
  units: GenUnits,
  places: GenPlace[],
  campaigns: GenCampaign[],
  o: {
    random: Random;
    now: number;
    batch: number;
    inspectorId: number;
    databaseUrl?: string;
    onProgress?(done: number, total: number): void;
  },
) {
  const { random, now } = o;
  const db = database.db;
  const order: [number, number, number][] = [];
  places.forEach((p, i) => {
    p.timeline.visits.forEach((v, j) => {
      order.push([v.at, i, j]);
    });
  });
  order.sort((a, b) => a[0] - b[0]);
  const rows = await CaseRows.open(db);
  let inspectionId = await maxId(db, 'inspection');
  let hazardId = await maxId(db, 'hazard');
  let eventId = await maxId(db, 'hazard_event');
  const sink = new CopySink(o.databaseUrl, database.pglite, VISIT_COLUMNS, true);
  const out = { visits: 0, hazards: 0, recurrences: 0, actions: 0 };
  let pending: Promise<void> = Promise.resolve();
  let buffered = 0;
  for (const [at, pi, vi] of order) {
    const p = places[pi] as GenPlace;
    const v = p.timeline.visits[vi] as { at: number; failed: { item: number; recurrence: boolean }[] };
    const g = p.grid;
    const lon = p.lon ?? 117.2;
    const lat = p.lat ?? 39.13;
    const campaign = campaigns.find((c) => c.types.has(p.type) && at >= c.start && at <= c.end) ?? null;
    const id = ++inspectionId;
    const failed = new Map(v.failed.map((f) => [f.item, f.recurrence]));
    const answers = p.template.items.map((item, i) => {
      const fail = failed.has(i);
      const a: Record<string, unknown> = { itemCode: item.code, outcome: fail ? 'fail' : 'pass' };
      if (item.answerType === 'count') a.value = fail ? Math.max(0, (item.min ?? 1) - 1) : (item.min ?? 1);
      if (fail && item.photoOnFail) {
        const taken = photo(`${id}:${item.code}`, at, lon, lat);
        a.photos = [taken];
        sink.add('place_photo', copyLine([p.id, taken.sha256]));
      }
      return a;
    });
    const inspector = INSPECTORS[id % INSPECTORS.length] as string;
    sink.add(
      'inspection',
      copyLine([
        id,
        p.id,
        p.template.id,
        campaign?.id ?? null,
        o.inspectorId,
        inspector,
        g.path,
        g.code,
        lon,
        lat,
        isoOrNull(at),
        v.failed.length,
        JSON.stringify(answers),
        isoOrNull(at),
      ]),
    );
    const centre = units.centreOf.get(g.community) ?? null;
    for (const [i, recurrence] of failed) {
      const item = p.template.items[i] as GenTemplate['items'][number];
      const severity = item.severity as Severity;
      const h = walkHazard(random, { foundAt: at, severity, now });
      const actions: KindAction[] = [
        { action: 'report', from: null, to: 'reported', at, role: 'inspector', unit: null },
        ...h.steps.map((s) => ({
          action: s.action,
          from: s.from,
          to: s.to,
          at: s.at,
          role:
            s.action === 'accept'
              ? 'centre_operator'
              : s.action === 'hazard.rectify'
                ? 'grid_worker'
                : 'inspector',
          unit: s.action === 'hazard.rectify' || s.action === 'accept' ? centre : null,
          payload: { note: s.event ?? s.action, ...(s.payload ?? {}) },
          ...(s.figures ? { figures: s.figures } : {}),
        })),
      ];
      const open = h.caseStatus !== 'closed';
      const last = actions[actions.length - 1] as KindAction;
      const step = !open
        ? null
        : h.caseStatus === 'reported'
          ? 'accept'
          : h.caseStatus === 'resolved'
            ? 'verify'
            : 'handle';
      const made = rows.add(sink, {
        grid: g,
        kind: 'hazard',
        category: item.category,
        title: `${p.name}：${item.textZh}`.slice(0, 200),
        channel: 'field',
        priority: severity === 'major' ? 'urgent' : 'normal',
        centre,
        card: open && h.redCardAt !== null ? 'red' : 'none',
        step,
        stepStartedAt: open ? last.at : null,
        warnAt: open ? Math.min(h.deadlineAt, last.at + 36 * 3_600_000) : null,
        dueAt: open ? h.deadlineAt : null,
        acceptedAt: h.acceptedAt,
        resolvedAt: h.rectifiedAt,
        closedAt: h.closedAt,
        lon,
        lat,
        actions,
      });
      out.actions += actions.length;
      const hid = ++hazardId;
      const fix = h.rectifiedAt === null ? null : photo(`${hid}:fix`, h.rectifiedAt, lon, lat);
      if (fix) sink.add('place_photo', copyLine([p.id, fix.sha256]));
      sink.add(
        'hazard',
        copyLine([
          hid,
          p.id,
          id,
          campaign?.id ?? null,
          item.code,
          item.textZh,
          severity,
          item.category,
          g.path,
          g.code,
          made.id,
          made.number,
          h.status,
          isoOrNull(at),
          isoOrNull(h.deadlineAt),
          isoOrNull(h.redCardAt),
          isoOrNull(h.rectifiedAt),
          fix === null ? null : JSON.stringify({ note: '已整改', photos: [fix] }),
          h.extensions,
          isoOrNull(h.closedAt),
          recurrence,
          1 + h.steps.length,
        ]),
      );
      const event = (action: string, when: number, payload: Record<string, unknown>) =>
        sink.add(
          'hazard_event',
          copyLine([++eventId, hid, action, null, inspector, JSON.stringify(payload), isoOrNull(when)]),
        );
      event('open', at, { inspectionId: id, recurrence });
      for (const s of h.steps) if (s.event) event(s.event, s.at, { note: s.event, ...(s.payload ?? {}) });
      if (h.redCardAt !== null)
        event('red_card', h.redCardAt, { deadlineAt: isoOrNull(h.redCardAt - 3_600_000) });
      out.hazards++;
      if (recurrence) out.recurrences++;
    }
    out.visits++;
    if (++buffered >= o.batch) {
      await pending;
      pending = sink.flush();
      buffered = 0;
      o.onProgress?.(out.visits, order.length);
    }
    if (out.visits % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await pending;
  await sink.flush();
  await sink.close();
  o.onProgress?.(out.visits, order.length);
  await rows.finish(db);
  await setIdentity(db, 'inspection', inspectionId);
  await setIdentity(db, 'hazard', hazardId);
  await setIdentity(db, 'hazard_event', eventId);
  return out;
}
