import { cityMonth } from '../../lib/clock.ts';
import { mediationTiming } from './time-limits.ts';

/**
 * The disputes' figures, and what one dispute adds to them. Written definitions:
 * - screened: disputes found (registered) in the period — every dispute counts once, under the
 *   month (Asia/Shanghai) it was screened, its region, its type and the organisation now holding it;
 * - resolved: of those, the ones whose mediation ended in an agreement every party confirmed;
 * - resolution rate = resolved ÷ screened (化解率);
 * - mediated: mediations concluded (agreement or failure), counted for the organisation and the
 *   mediators that held each (a dispute one committee failed and another settled counts for both);
 * - mediation success rate = succeeded ÷ mediated; on-time rate = on_time ÷ mediated (concluded
 *   within the time limit, extensions included); average days = days_sum ÷ mediated.
 * Each figure is a function of the dispute's current row, so a change is "remove the old
 * contribution, add the new", and a rebuild from the disputes gives the same numbers.
 */
export const DISPUTE_FIGURES = [
  'screened',
  'resolved',
  'mediated',
  'succeeded',
  'on_time',
  'days_sum',
] as const;
export type DisputeFigure = (typeof DISPUTE_FIGURES)[number];
export type FigureRow = Record<DisputeFigure, number>;
export const MEDIATOR_FIGURES = ['mediated', 'succeeded', 'on_time', 'days_sum'] as const;

/** The named figures of a contribution, zero where it has none. */
export const figureValues = <F extends DisputeFigure>(fields: readonly F[], v: Partial<FigureRow>) =>
  Object.fromEntries(fields.map((f) => [f, v[f] ?? 0])) as Record<F, number>;

/** A mediation an organisation held that ended in failure and was passed on. */
export interface FailedMediation {
  orgId: number;
  mediatorIds: number[];
  acceptedAt: string;
  concludedAt: string;
  dueAt: string;
}

/** The columns of a dispute the figures read. */
export interface FigureDispute {
  district_code: string;
  street_code: string;
  type: string;
  screened_at: Date | string;
  org_id: number | null;
  mediator_ids: number[];
  outcome: 'agreement' | 'failed' | null;
  accepted_at: Date | string | null;
  concluded_at: Date | string | null;
  due_at: Date | string | null;
  failed_orgs: FailedMediation[];
}

export interface OrgKey {
  month: string;
  district_code: string;
  street_code: string;
  type: string;
  org_id: number;
}
export interface MediatorKey {
  month: string;
  district_code: string;
  mediator_id: number;
}
export interface Contribution<K> {
  key: K;
  values: Partial<FigureRow>;
}

/** The month (YYYY-MM, China Standard Time) of an instant. */
export const monthOf = cityMonth;

const d = (x: Date | string) => new Date(x);

function concluded(accepted: Date | string, concluded: Date | string, due: Date | string, success: boolean) {
  const t = mediationTiming(d(accepted), d(concluded), d(due));
  return { mediated: 1, succeeded: success ? 1 : 0, on_time: t.onTime ? 1 : 0, days_sum: t.days };
}

/** What a dispute adds to the organisation rollup (one row per organisation that held it). */
export function orgContributions(x: FigureDispute): Contribution<OrgKey>[] {
  const base = {
    month: monthOf(x.screened_at),
    district_code: x.district_code,
    street_code: x.street_code,
    type: x.type,
  };
  const main: Partial<FigureRow> = { screened: 1, resolved: x.outcome === 'agreement' ? 1 : 0 };
  if (x.outcome && x.accepted_at && x.concluded_at && x.due_at)
    Object.assign(main, concluded(x.accepted_at, x.concluded_at, x.due_at, x.outcome === 'agreement'));
  return [
    { key: { ...base, org_id: x.org_id ?? 0 }, values: main },
    ...x.failed_orgs.map((f) => ({
      key: { ...base, org_id: f.orgId },
      values: concluded(f.acceptedAt, f.concludedAt, f.dueAt, false),
    })),
  ];
}

/** What a dispute adds to the mediator rollup (each mediator of each concluded mediation). */
export function mediatorContributions(x: FigureDispute): Contribution<MediatorKey>[] {
  const base = { month: monthOf(x.screened_at), district_code: x.district_code };
  const out: Contribution<MediatorKey>[] = [];
  if (x.outcome && x.accepted_at && x.concluded_at && x.due_at) {
    const v = concluded(x.accepted_at, x.concluded_at, x.due_at, x.outcome === 'agreement');
    for (const m of x.mediator_ids) out.push({ key: { ...base, mediator_id: m }, values: v });
  }
  for (const f of x.failed_orgs) {
    const v = concluded(f.acceptedAt, f.concludedAt, f.dueAt, false);
    for (const m of f.mediatorIds) out.push({ key: { ...base, mediator_id: m }, values: v });
  }
  return out;
}

/**
 * The change to apply for a dispute going from `before` (null: new) to `after`: per key, the
 * difference of the figures (keys whose difference is all zero are left out).
 */
export function contributionDelta<K extends object>(
  before: Contribution<K>[],
  after: Contribution<K>[],
  /** The row's identity (its table's key): attributes outside it, such as a parent, are not part of it. */
  idOf: (key: K) => string = (key) => JSON.stringify(key),
): Contribution<K>[] {
  const sums = new Map<string, Contribution<K>>();
  const add = (c: Contribution<K>, sign: 1 | -1) => {
    const id = idOf(c.key);
    const cur = sums.get(id) ?? { key: c.key, values: {} };
    for (const [f, v] of Object.entries(c.values) as [DisputeFigure, number][])
      cur.values[f] = (cur.values[f] ?? 0) + sign * v;
    sums.set(id, cur);
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);
  return [...sums.values()].filter((c) => Object.values(c.values).some((v) => v !== 0));
}

export interface Rates {
  resolutionRate: number | null;
  successRate: number | null;
  onTimeRate: number | null;
  averageDays: number | null;
}
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

export function ratesOf(f: Partial<FigureRow>): Rates {
  const mediated = f.mediated ?? 0;
  return {
    resolutionRate: ratio(f.resolved ?? 0, f.screened ?? 0),
    successRate: ratio(f.succeeded ?? 0, mediated),
    onTimeRate: ratio(f.on_time ?? 0, mediated),
    averageDays: mediated > 0 ? Math.round(((f.days_sum ?? 0) / mediated) * 10) / 10 : null,
  };
}
