import { sql } from 'kysely';
import { formatCaseNumber, localYear } from '../cases/index.ts';
import type { Database } from '../db/database.ts';
import { CITY_OFFSET_MS } from '../lib/clock.ts';
import { type Holder, walkCase } from './domain/case-walk.ts';
import { copyLine, isoOrNull } from './domain/copy-text.ts';
import { exponential, type Random, seededRandom, WeightedPicker, zipfWeights } from './domain/random.ts';
import { casesPerDay, HOUR_WEIGHT } from './domain/rhythm.ts';
import { CopySink } from './sink.ts';
import { type GenCategory, type GenGrid, type GenUnits, unitFor } from './world.ts';

export interface GenerateOptions {
  cases: number;
  years: number;
  seed: number;
  /** Cases per COPY batch. */
  batch: number;
  now: Date;
  databaseUrl?: string;
  onProgress?(done: number, total: number): void;
}

const DAY_MS = 86_400_000;
const CST = CITY_OFFSET_MS;
const KIND_SHARE: Record<string, number> = {
  request: 0.55,
  dispute: 0.14,
  hazard: 0.16,
  incident: 0.04,
  tip: 0.11,
};
const CHANNELS: Record<string, [string, number][]> = {
  request: [
    ['phone', 0.45],
    ['portal', 0.25],
    ['field', 0.15],
    ['walk_in', 0.08],
    ['open311', 0.05],
    ['transfer', 0.02],
  ],
  dispute: [
    ['walk_in', 0.45],
    ['field', 0.35],
    ['phone', 0.15],
    ['transfer', 0.05],
  ],
  hazard: [
    ['field', 0.8],
    ['phone', 0.1],
    ['portal', 0.05],
    ['transfer', 0.05],
  ],
  incident: [
    ['phone', 0.6],
    ['field', 0.35],
    ['transfer', 0.05],
  ],
  tip: [
    ['field', 0.5],
    ['phone', 0.3],
    ['portal', 0.2],
  ],
};

/** Skewed weights: busy central districts, busy grids within them (deterministic from the seed). */
export function gridWeights(grids: GenGrid[], random: Random): number[] {
  const districts = [...new Set(grids.map((g) => g.district))].sort();
  const districtRank = new Map(districts.map((d, i) => [d, i]));
  return grids.map(
    (g) => (1 / ((districtRank.get(g.district) as number) + 2) ** 0.7) * exponential(random, 1),
  );
}

/**
 * Fill the cases tables with `cases` cases over the last `years` years: arrival rhythm by day
 * and hour, skew across grids and categories, each history walked through the workflow table.
 */
export async function generateCases(
  database: Database,
  world: { grids: GenGrid[]; categories: GenCategory[]; units: GenUnits },
  o: GenerateOptions,
): Promise<{ cases: number; actions: number; serverCpuSeconds: number | null }> {
  const random = seededRandom(o.seed);
  const { grids, categories, units } = world;
  if (grids.length === 0 || categories.length === 0)
    throw new Error('the generator needs grids and categories');
  const gridPicker = new WeightedPicker(gridWeights(grids, random));
  const kinds = [...new Set(categories.map((c) => c.kind))];
  const kindPicker = new WeightedPicker(kinds.map((k) => KIND_SHARE[k] ?? 0.05));
  const categoriesOf = new Map(kinds.map((k) => [k, categories.filter((c) => c.kind === k)]));
  const categoryPickers = new Map(
    kinds.map((k) => [
      k,
      new WeightedPicker(zipfWeights((categoriesOf.get(k) as GenCategory[]).length, 1.1)),
    ]),
  );
  const hourPicker = new WeightedPicker(HOUR_WEIGHT);

  const db = database.db;
  const maxIds = await sql<{ c: number | null; a: number | null }>`
    select (select max(id) from cases) as c, (select max(id) from case_action) as a`.execute(db);
  let caseId = Number(maxIds.rows[0]?.c ?? 0);
  let actionId = Number(maxIds.rows[0]?.a ?? 0);
  const seqRows = await sql<{ district_code: string; year: number; last_value: number }>`
    select district_code, year, last_value from case_number_seq`.execute(db);
  const sequence = new Map(seqRows.rows.map((r) => [`${r.district_code}|${r.year}`, r.last_value]));
  const recent = new Map<number, { id: number; at: number }>();

  const sink = new CopySink(o.databaseUrl, database.pglite);
  const now = o.now.getTime();
  const today = Math.floor((now + CST) / DAY_MS) * DAY_MS;
  const days = casesPerDay(o.cases, today, Math.round(o.years * 365));
  let done = 0;
  let actions = 0;
  let pending: Promise<void> = Promise.resolve();
  let buffered = 0;

  const unitOf = (g: GenGrid, holder: Holder, level?: string) => unitFor(units, g, holder, random, level);

  for (const day of days) {
    const times = Array.from(
      { length: day.count },
      () => day.dayMs - CST + (hourPicker.pick(random) + random()) * 3_600_000,
    ).sort((a, b) => a - b);
    for (const time of times) {
      const reportedAt = Math.min(time, now - 60_000);
      const g = grids[gridPicker.pick(random)] as GenGrid;
      const kind = kinds[kindPicker.pick(random)] as string;
      const catIndex = (categoryPickers.get(kind) as WeightedPicker).pick(random);
      const cat = (categoriesOf.get(kind) as GenCategory[])[catIndex] as GenCategory;
      const channels = CHANNELS[kind] ?? (CHANNELS.request as [string, number][]);
      const channel = pickShare(channels, random());
      const dupKey = hashKey(g.code, cat.code);
      const last = recent.get(dupKey);
      const duplicateOf = last && reportedAt - last.at < 72 * 3_600_000 ? last.id : null;
      const walked = walkCase(random, {
        kind,
        channel,
        reportedAt,
        limits: cat.limits,
        hasReporter: random() < 0.85,
        duplicateOf,
        now,
      });
      const id = ++caseId;
      recent.set(dupKey, { id, at: reportedAt });

      const year = localYear(new Date(reportedAt));
      // numbers run per 6-digit district code and year, as intake reserves them (case_number_seq)
      const seqKey = `${g.district.slice(0, 6)}|${year}`;
      const seq = (sequence.get(seqKey) ?? 0) + 1;
      sequence.set(seqKey, seq);
      const number = formatCaseNumber(g.district.slice(0, 6), year, seq);
      const centre = unitOf(g, walked.level === 'community' ? 'community' : walked.level);
      const current = walked.holder === 'department' ? unitOf(g, 'department', walked.level) : centre;
      const last2 = walked.actions[walked.actions.length - 1];
      const lon = g.bbox ? g.bbox[0] + random() * (g.bbox[2] - g.bbox[0]) : null;
      const lat = g.bbox ? g.bbox[1] + random() * (g.bbox[3] - g.bbox[1]) : null;
      const priority =
        kind === 'incident' ? 'urgent' : kind === 'hazard' && random() < 0.3 ? 'high' : 'normal';
      sink.add(
        'cases',
        copyLine([
          id,
          g.city,
          g.district,
          g.street,
          g.community,
          g.code,
          g.path,
          number,
          kind,
          cat.code,
          `${cat.name}（${number}）`,
          lon,
          lat,
          channel,
          priority,
          walked.status,
          walked.level,
          current,
          centre,
          walked.holder === 'department' ? current : null,
          channel === 'portal' && random() < 0.2,
          random() < 0.002,
          walked.card,
          walked.step,
          isoOrNull(walked.stepStartedAt),
          isoOrNull(walked.warnAt),
          isoOrNull(walked.dueAt),
          duplicateOf,
          walked.mergedInto,
          walked.rating,
          walked.ratingsGiven.satisfied,
          walked.ratingsGiven.basically_satisfied,
          walked.ratingsGiven.unsatisfied,
          isoOrNull(reportedAt),
          isoOrNull(walked.acceptedAt),
          isoOrNull(walked.resolvedAt),
          isoOrNull(walked.closedAt),
          isoOrNull(last2?.at ?? reportedAt),
          walked.actions.length,
          walked.beforeSuspend,
        ]),
      );
      sink.add('case_number', copyLine([number, id, g.district, isoOrNull(reportedAt)]));
      walked.actions.forEach((a, i) => {
        const unit = a.role === 'resident' ? null : a.holder === 'department' ? current : centre;
        sink.add(
          'case_action',
          copyLine([
            ++actionId,
            g.city,
            g.district,
            id,
            i + 1,
            a.action,
            unit,
            a.role,
            a.from,
            a.to,
            a.payload,
            isoOrNull(a.at),
          ]),
        );
      });
      actions += walked.actions.length;
      const deps = units.departmentsOf.get(g.district) ?? units.departmentsOf.get(g.city) ?? [];
      const offset = Math.floor(random() * deps.length);
      if (centre !== null)
        for (const [k, s] of walked.summons.entries()) {
          if (k >= deps.length) break; // each department is summoned once
          const dept = deps[(offset + k) % deps.length] as number;
          sink.add(
            'case_summons',
            copyLine([
              g.city,
              id,
              dept,
              centre,
              isoOrNull(s.summonedAt),
              isoOrNull(s.reportInDueAt),
              isoOrNull(s.reportedInAt),
              isoOrNull(s.doneAt),
              s.rating,
              isoOrNull(s.rating === null ? null : s.doneAt),
            ]),
          );
        }
      if (duplicateOf !== null)
        sink.add(
          'case_link',
          copyLine([g.city, id, duplicateOf, walked.mergedInto ? 'merged' : 'duplicate']),
        );
      done++;
      if (++buffered >= o.batch) {
        await pending;
        pending = sink.flush();
        buffered = 0;
        o.onProgress?.(done, o.cases);
      }
      if (done % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await pending;
  await sink.flush();
  const serverCpuSeconds = sink.serverCpuSeconds();
  await sink.close();
  o.onProgress?.(done, o.cases);

  for (const [key, last] of sequence) {
    const [district, year] = key.split('|') as [string, string];
    await sql`insert into case_number_seq (district_code, year, last_value) values (${district}, ${Number(year)}, ${last})
      on conflict (district_code, year) do update set last_value = greatest(case_number_seq.last_value, excluded.last_value)`.execute(
      db,
    );
  }
  await sql`select setval(pg_get_serial_sequence('cases', 'id'), ${caseId})`.execute(db);
  await sql`select setval(pg_get_serial_sequence('case_action', 'id'), ${actionId})`.execute(db);
  return { cases: done, actions, serverCpuSeconds };
}

/** The name whose share contains `u` (shares sum to 1; the first one when they fall short). */
function pickShare(shares: [string, number][], u: number): string {
  let left = u;
  for (const [name, share] of shares) {
    left -= share;
    if (left < 0) return name;
  }
  return (shares[0] as [string, number])[0];
}

/** A number naming a grid × category pair (for the duplicate window). */
function hashKey(grid: string, category: string): number {
  let h = 2166136261;
  for (const s of [grid, category])
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
