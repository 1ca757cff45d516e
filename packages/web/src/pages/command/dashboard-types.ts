/** The dashboard API's answers (packages/server/src/dashboard/schemas.ts). */
export type Figures = Record<string, number | null>;

export interface RegionRef {
  code: string;
  name: string;
  level: string;
}

export interface Period {
  from: string;
  to: string;
}

export interface Summary {
  region: RegionRef;
  period: Period;
  previousPeriod: Period;
  figures: Figures;
  previous: Figures;
  change: Record<string, { delta: number | null; ratio: number | null }>;
}

export interface Trend {
  region: RegionRef;
  days: (Figures & { day: string })[];
}

export interface Breakdown {
  kinds: { kind: string; figures: Figures }[];
  categories: { kind: string; category: string; nameZh: string; nameEn: string; figures: Figures }[];
}

export interface ChildFigures {
  region: RegionRef;
  figure: string;
  items: { code: string; name: string; level: string; value: number | null; figures: Figures }[];
}

/** Figures a region can be coloured by, and the key figures shown as cards. */
export const MAP_FIGURES = [
  'received',
  'closed',
  'overdue_open',
  'on_time_rate',
  'resolution_rate',
  'satisfaction_rate',
] as const;

export const KEY_FIGURES = [
  'received',
  'closed',
  'overdue_open',
  'on_time_rate',
  'resolution_rate',
  'satisfaction_rate',
] as const;

export const CHILD_LEVEL: Record<string, string | undefined> = {
  city: 'district',
  district: 'street',
  street: 'community',
  community: 'grid',
};

export const isRate = (figure: string) => figure.endsWith('_rate');

/** A figure for display: rates as percentages, counts as integers, none as a dash. */
export function formatFigure(figure: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return isRate(figure) ? `${(value * 100).toFixed(1)}%` : String(Math.round(value * 10) / 10);
}
