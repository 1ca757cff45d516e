import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  checklistTypeOf,
  type PlaceType,
  type RiskTier,
  rebuildBoard,
  type Severity,
} from '../inspections/index.ts';
import { cityDay } from '../lib/clock.ts';
import { maxId, setIdentity } from './case-rows.ts';
import { copyLine, isoOrNull } from './domain/copy-text.ts';
import { type PlaceTimeline, placeTimeline } from './domain/inspection-walk.ts';
import { seededRandom, WeightedPicker } from './domain/random.ts';
import { gridWeights } from './generate.ts';
import { PLACE_COLUMNS } from './inspection-columns.ts';
import { personName, phoneNumber } from './people.ts';
import { CopySink } from './sink.ts';
import { type GenCampaign, type GenPlace, type GenTemplate, writeVisits } from './visits.ts';
import type { GenGrid, GenUnits } from './world.ts';

/** Place types with a seeded checklist, and their shares (rental homes and small venues lead). */
const TYPE_SHARE: [PlaceType, number, string][] = [
  ['shop', 0.3, '便民商店'],
  ['restaurant', 0.22, '小餐馆'],
  ['workshop', 0.08, '小作坊'],
  ['rental', 0.37, '出租房屋'],
  ['construction_site', 0.03, '建筑工地'],
];
const TIER_SHARE: [RiskTier, number][] = [
  ['high', 0.12],
  ['medium', 0.4],
  ['low', 0.48],
];
const DAY = 86_400_000;

export interface InspectionGenOptions {
  places: number;
  visits: number;
  years: number;
  seed: number;
  batch: number;
  now: Date;
  databaseUrl?: string;
  onProgress?(done: number, total: number): void;
}

export interface InspectionGenResult {
  places: number;
  visits: number;
  hazards: number;
  recurrences: number;
  campaigns: number;
  actions: number;
}

async function loadTemplates(database: Database): Promise<Map<string, GenTemplate>> {
  const r = await sql<{ id: number; place_type: string; items: unknown }>`
    select distinct on (place_type) id, place_type, items from checklist_template
    order by place_type, version desc`.execute(database.db);
  return new Map(
    r.rows.map((t) => [
      t.place_type,
      {
        id: Number(t.id),
        items: (typeof t.items === 'string' ? JSON.parse(t.items) : t.items) as GenTemplate['items'],
      },
    ]),
  );
}

/**
 * Campaigns (专项行动) over the whole city: each year's hundred-day sweep of small venues, and the
 * one running now over small venues and rental homes (the benchmark's city-wide board).
 */
async function makeCampaigns(database: Database, now: number, years: number): Promise<GenCampaign[]> {
  const city = await sql<{ code: string; path: string }>`
    select code, path from region where level = 'city' and retired_at is null order by code limit 1`.execute(
    database.db,
  );
  const c = city.rows[0];
  if (!c) return [];
  const day = (ms: number) => cityDay(new Date(ms));
  const specs: { name: string; types: PlaceType[]; start: number; end: number }[] = [];
  for (let y = 1; y < years; y++)
    specs.push({
      name: `三小场所消防安全百日攻坚（${new Date(now - y * 365 * DAY).getUTCFullYear()}）`,
      types: ['shop', 'restaurant', 'workshop'],
      start: now - y * 365 * DAY - 150 * DAY,
      end: now - y * 365 * DAY - 50 * DAY,
    });
  specs.push({
    name: '城市安全隐患排查整治专项行动',
    types: ['shop', 'restaurant', 'workshop', 'rental'],
    start: now - 60 * DAY,
    end: now + 40 * DAY,
  });
  const out: GenCampaign[] = [];
  for (const s of specs) {
    const row = await database.db
      .insertInto('campaign')
      .values({
        name: s.name,
        region_code: c.code,
        region_path: c.path,
        place_types: JSON.stringify(s.types),
        starts_on: day(s.start),
        ends_on: day(s.end),
        target_coverage: 0.95,
        target_fixed: 0.9,
        template_id: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    out.push({ id: Number(row.id), types: new Set(s.types), start: s.start, end: s.end });
  }
  return out;
}

/**
 * Add `places` places under supervision and about `visits` inspections over the last `years`
 * years: each place's visits follow its risk tier, failed items open hazards (cases of kind
 * hazard) that are rectified and re-checked or go overdue, recurrences raise the tier; the
 * places' counters (recurrences, tier, last and next visit) are those of their rows.
 */
export async function generateInspections(
  database: Database,
  world: { grids: GenGrid[]; units: GenUnits },
  o: InspectionGenOptions,
): Promise<InspectionGenResult> {
  const random = seededRandom(o.seed + 1500);
  const db = database.db;
  const templates = await loadTemplates(database);
  const types = TYPE_SHARE.filter(([t]) => templates.has(checklistTypeOf(t)));
  if (types.length === 0) throw new Error('no checklists: seed the demo city first (inspections module)');
  const typePicker = new WeightedPicker(types.map(([, s]) => s));
  const tierPicker = new WeightedPicker(TIER_SHARE.map(([, s]) => s));
  const gridPicker = new WeightedPicker(gridWeights(world.grids, random));
  const now = o.now.getTime();
  const span = o.years * 365 * DAY;
  // the natural number of visits a place of each tier gets over the span, to scale intervals by
  const perPlace = TIER_SHARE.reduce(
    (n, [t, s]) => n + s * (span / ({ high: 30, medium: 90, low: 365 }[t] * DAY)),
    0,
  );
  const scale = o.visits > 0 ? (perPlace * o.places) / o.visits : 1e9;
  let personId = await maxId(db, 'person');
  let placeId = await maxId(db, 'place');
  const places: GenPlace[] = [];
  const sink = new CopySink(o.databaseUrl, database.pglite, PLACE_COLUMNS, true);
  for (let i = 0; i < o.places; i++) {
    const g = world.grids[gridPicker.pick(random)] as GenGrid;
    const [type, , label] = types[typePicker.pick(random)] as [PlaceType, number, string];
    const template = templates.get(checklistTypeOf(type)) as GenTemplate;
    const registeredAt = now - span - random() * 30 * DAY;
    const timeline: PlaceTimeline = placeTimeline(random, {
      registeredAt,
      tier: (TIER_SHARE[tierPicker.pick(random)] as [RiskTier, number])[0],
      now,
      scale,
      items: template.items.map((it) => ({ code: it.code, severity: it.severity as Severity })),
      failRate: 0.012,
    });
    const id = ++placeId;
    const person = ++personId;
    const lon = g.bbox ? g.bbox[0] + random() * (g.bbox[2] - g.bbox[0]) : null;
    const lat = g.bbox ? g.bbox[1] + random() * (g.bbox[3] - g.bbox[1]) : null;
    const name = `${personName(random).slice(0, 1)}记${label}`;
    sink.add(
      'person',
      copyLine([person, personName(random), phoneNumber(random), g.path, isoOrNull(registeredAt)]),
    );
    sink.add(
      'place',
      copyLine([
        id,
        `GEN-${g.district.slice(0, 6)}-${String(id).padStart(7, '0')}`,
        name,
        type,
        type === 'construction_site' ? 'large' : random() < 0.8 ? 'small' : 'medium',
        Math.round(20 + random() * 300),
        `天津市${name}（${g.code}）`,
        lon,
        lat,
        g.code,
        g.path,
        g.district,
        person,
        JSON.stringify([{ kind: '营业执照', number: `9112${String(id).padStart(14, '0')}` }]),
        timeline.tier,
        timeline.recurrences,
        isoOrNull(timeline.lastAt),
        isoOrNull(timeline.nextDueAt),
        isoOrNull(registeredAt),
        isoOrNull(timeline.lastAt ?? registeredAt),
        1 + timeline.visits.length,
      ]),
    );
    places.push({ id, name, grid: g, type, template, lon, lat, timeline });
    if ((i + 1) % o.batch === 0) await sink.flush();
  }
  await sink.flush();
  await sink.close();
  await setIdentity(db, 'person', personId);
  await setIdentity(db, 'place', placeId);
  const campaigns = await makeCampaigns(database, now, o.years);
  const inspector = await sql<{ id: number }>`select id from app_user where username = 'inspector'`
    .execute(db)
    .catch(() => ({ rows: [] as { id: number }[] }));
  const written = await writeVisits(database, world.units, places, campaigns, {
    random,
    now,
    batch: o.batch,
    inspectorId: Number(inspector.rows[0]?.id ?? 0),
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  // the campaigns' board counters, counted from the rows written (one transaction)
  await db.transaction().execute((trx) => rebuildBoard(trx));
  return { places: places.length, campaigns: campaigns.length, ...written };
}
