import { FIGURES, type FigureValues, zeroFigures } from './rollup-contribution.ts';

/** Rates derived from the counted figures (null when there is nothing to divide by). */
export const RATES = [
  'acceptance_rate',
  'resolution_rate',
  'closure_rate',
  'on_time_rate',
  'satisfaction_rate',
  'avg_close_hours',
] as const;
export type Rate = (typeof RATES)[number];
export type Figures = FigureValues & Record<Rate, number | null> & { rated: number };

export const RANKABLE = [...FIGURES, 'rated', ...RATES] as const;
export type Rankable = (typeof RANKABLE)[number];
export const isRankable = (s: string): s is Rankable => (RANKABLE as readonly string[]).includes(s);

const ratio = (a: number, b: number, digits = 4) => (b > 0 ? Number((a / b).toFixed(digits)) : null);

/** Counted figures plus the rates a command centre shows. */
export function withRates(v: FigureValues): Figures {
  const rated = v.satisfied + v.basically_satisfied + v.unsatisfied;
  return {
    ...v,
    rated,
    acceptance_rate: ratio(v.accepted, v.received),
    resolution_rate: ratio(v.resolved, v.received),
    closure_rate: ratio(v.closed, v.received),
    on_time_rate: ratio(v.closed_on_time, v.closed),
    satisfaction_rate: ratio(v.satisfied + v.basically_satisfied, rated),
    avg_close_hours: v.closed > 0 ? Number((v.closed_minutes / v.closed / 60).toFixed(1)) : null,
  };
}

/** A row of sums from SQL (numbers or numeric strings; missing means 0) as figure values. */
export function toFigureValues(row: Partial<Record<string, unknown>> | undefined): FigureValues {
  const v = zeroFigures();
  if (!row) return v;
  for (const f of FIGURES) v[f] = Number(row[f] ?? 0);
  return v;
}

export interface Change {
  delta: number | null;
  /** Relative change (0.25 = +25 %); null when the previous value is 0 or missing. */
  ratio: number | null;
}

/** Change of every figure against the previous period. */
export function changeOf(current: Figures, previous: Figures): Record<Rankable, Change> {
  const out = {} as Record<Rankable, Change>;
  for (const k of RANKABLE) {
    const a = current[k];
    const b = previous[k];
    if (a === null || b === null) out[k] = { delta: null, ratio: null };
    else
      out[k] = {
        delta: Number((a - b).toFixed(4)),
        ratio: b !== 0 ? Number(((a - b) / b).toFixed(4)) : null,
      };
  }
  return out;
}
