/**
 * What one case adds to the dashboard rollups. Every figure is a function of the case's
 * current row and is filed under the day the case was received (its cohort), so a change to a
 * case is exactly "remove the old contribution, add the new one", and a rebuild from the cases
 * table gives the same numbers as the rollups kept change by change.
 */
import { cityDay } from '../../lib/clock.ts';
export const FIGURES = [
  'received',
  'accepted',
  'resolved',
  'closed',
  'closed_on_time',
  'overdue',
  'overdue_open',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'closed_minutes',
] as const;
export type Figure = (typeof FIGURES)[number];
export type FigureValues = Record<Figure, number>;

export const ROLLUP_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

/**
 * Kind and category of the totals row each region and day also has (all kinds and categories
 * together), so unfiltered figures read one row per day instead of one per category.
 */
export const ALL = '*';

/** Days are counted in China Standard Time (UTC+8, no daylight saving). */
export const ROLLUP_TIME_ZONE = 'Asia/Shanghai';

/** The columns of a case the rollups read (a subset of the `cases` row). */
export interface RollupCase {
  city_code: string;
  district_code: string;
  street_code: string | null;
  community_code: string | null;
  kind: string;
  category_code: string;
  card: string;
  /** Every rating the case has been given (a reopened case keeps its earlier cycles' ratings). */
  ratings_satisfied: number;
  ratings_basically_satisfied: number;
  ratings_unsatisfied: number;
  reported_at: Date | string;
  accepted_at: Date | string | null;
  resolved_at: Date | string | null;
  closed_at: Date | string | null;
}

/** The same columns by name, to select or update them (every key of RollupCase). */
export const ROLLUP_CASE_COLUMNS = [
  'city_code',
  'district_code',
  'street_code',
  'community_code',
  'kind',
  'category_code',
  'card',
  'ratings_satisfied',
  'ratings_basically_satisfied',
  'ratings_unsatisfied',
  'reported_at',
  'accepted_at',
  'resolved_at',
  'closed_at',
] as const satisfies readonly (keyof RollupCase)[];

export interface RollupKey {
  city_code: string;
  level: RollupLevel;
  region_code: string;
  parent_code: string | null;
  day: string;
  kind: string;
  category_code: string;
}

export interface RollupDelta extends RollupKey {
  values: FigureValues;
}

export function zeroFigures(): FigureValues {
  return Object.fromEntries(FIGURES.map((f) => [f, 0])) as FigureValues;
}

/** The calendar day (YYYY-MM-DD, China Standard Time) of an instant. */
export function rollupDay(at: Date | string): string {
  return cityDay(at);
}

const time = (at: Date | string) => (at instanceof Date ? at : new Date(at)).getTime();

/**
 * The figures one case counts for: 0 or 1 each, but every rating given for the satisfaction
 * figures (a case rated, reopened and rated again counts both ratings) and minutes for closed_minutes.
 */
export function caseFigures(c: RollupCase): FigureValues {
  const closed = c.closed_at !== null;
  const red = c.card === 'red';
  return {
    received: 1,
    accepted: c.accepted_at !== null ? 1 : 0,
    resolved: c.resolved_at !== null ? 1 : 0,
    closed: closed ? 1 : 0,
    closed_on_time: closed && !red ? 1 : 0,
    overdue: red ? 1 : 0,
    overdue_open: red && !closed ? 1 : 0,
    satisfied: c.ratings_satisfied,
    basically_satisfied: c.ratings_basically_satisfied,
    unsatisfied: c.ratings_unsatisfied,
    closed_minutes:
      c.closed_at !== null ? Math.max(0, Math.floor((time(c.closed_at) - time(c.reported_at)) / 60_000)) : 0,
  };
}

/**
 * The rollup rows: per level above the grid that the case has a code for, its kind × category
 * row and the region's totals row (kind and category ALL).
 */
export function caseRollupKeys(c: RollupCase): RollupKey[] {
  const day = rollupDay(c.reported_at);
  const regions: [RollupLevel, string, string | null][] = [
    ['city', c.city_code, null],
    ['district', c.district_code, c.city_code],
  ];
  if (c.street_code) {
    regions.push(['street', c.street_code, c.district_code]);
    if (c.community_code) regions.push(['community', c.community_code, c.street_code]);
  }
  return regions.flatMap(([level, region_code, parent_code]) => [
    {
      city_code: c.city_code,
      level,
      region_code,
      parent_code,
      day,
      kind: c.kind,
      category_code: c.category_code,
    },
    { city_code: c.city_code, level, region_code, parent_code, day, kind: ALL, category_code: ALL },
  ]);
}

const keyString = (k: RollupKey) => `${k.city_code}|${k.region_code}|${k.day}|${k.kind}|${k.category_code}`;

/**
 * The net change to the rollups when a case goes from `before` to `after` (either may be null:
 * a new case, a deleted one). Rows whose figures do not change are left out; rows come in one
 * global order (by key) so concurrent transactions lock rollup rows in the same order.
 */
export function rollupDelta(before: RollupCase | null, after: RollupCase | null): RollupDelta[] {
  return rollupDeltaOfChanges([[before, after]]);
}

/**
 * The net change to the rollups of several case changes together (e.g. a batch of new cases):
 * equal keys summed into one row, so a batch needs one upsert; same order and filtering as
 * rollupDelta.
 */
export function rollupDeltaOfChanges(
  changes: readonly (readonly [RollupCase | null, RollupCase | null])[],
): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  const add = (c: RollupCase, sign: 1 | -1) => {
    const figures = caseFigures(c);
    for (const key of caseRollupKeys(c)) {
      const id = keyString(key);
      let row = rows.get(id);
      if (!row) {
        row = { ...key, values: zeroFigures() };
        rows.set(id, row);
      }
      for (const f of FIGURES) row.values[f] += sign * figures[f];
    }
  };
  for (const [before, after] of changes) {
    if (before) add(before, -1);
    if (after) add(after, 1);
  }
  return [...rows.entries()]
    .filter(([, r]) => FIGURES.some((f) => r.values[f] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}
