/**
 * When cases arrive: a slow growth over the years, a seasonal swing (summer heat, heating season,
 * Spring Festival lull), fewer reports at weekends, and a daily curve with a morning peak.
 */
const DAY_MS = 86_400_000;

/** Relative volume by month (Jan … Dec). */
export const MONTH_WEIGHT = [0.8, 0.7, 0.95, 1.0, 1.05, 1.15, 1.3, 1.3, 1.05, 0.95, 1.0, 1.05];
/** Relative volume by weekday (Sunday … Saturday). */
export const WEEKDAY_WEIGHT = [0.55, 1.1, 1.1, 1.05, 1.05, 1.0, 0.65];
/** Relative volume by hour of day (China Standard Time). */
export const HOUR_WEIGHT = [
  0.15, 0.1, 0.08, 0.07, 0.08, 0.15, 0.4, 0.9, 1.6, 1.9, 1.8, 1.6, 1.0, 1.1, 1.5, 1.6, 1.5, 1.3, 1.0, 0.9,
  0.8, 0.6, 0.4, 0.25,
];

/** Weight of one calendar day (UTC midnight of the CST date) in a span of `totalDays`. */
export function dayWeight(dayMs: number, index: number, totalDays: number): number {
  const d = new Date(dayMs);
  const growth = 1 + (0.3 * index) / Math.max(1, totalDays);
  return growth * (MONTH_WEIGHT[d.getUTCMonth()] as number) * (WEEKDAY_WEIGHT[d.getUTCDay()] as number);
}

/**
 * How many cases arrive on each of the `days` days ending with `lastDayMs` (UTC midnight of a CST
 * date), summing exactly to `total` (largest remainder).
 */
export function casesPerDay(
  total: number,
  lastDayMs: number,
  days: number,
): { dayMs: number; count: number }[] {
  const first = lastDayMs - (days - 1) * DAY_MS;
  const weights = Array.from({ length: days }, (_, i) => dayWeight(first + i * DAY_MS, i, days));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (missing <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    missing--;
  }
  return counts.map((count, i) => ({ dayMs: first + i * DAY_MS, count }));
}
