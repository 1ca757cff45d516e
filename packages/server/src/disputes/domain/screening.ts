/**
 * Screening periods and the street's monthly report, pure. Grids report monthly ('YYYY-MM'),
 * also when nothing was found. A street's report for a month is due by the end of the 1st of
 * the next month, China Standard Time (每月逢1): filed by then it is complete, after it late;
 * not filed it is missing once the day has passed, pending before.
 */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const ZONE_OFFSET_MS = 8 * 3600_000;

/** The instant a month's street report is due: 00:00 CST on the 2nd of the next month. */
export function streetReportDue(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 2) - ZONE_OFFSET_MS);
}

export type StreetReportStatus = 'complete' | 'late' | 'missing' | 'pending';

export function streetReportStatus(month: string, filedAt: Date | null, now: Date): StreetReportStatus {
  const due = streetReportDue(month);
  if (filedAt) return filedAt.getTime() < due.getTime() ? 'complete' : 'late';
  return now.getTime() < due.getTime() ? 'pending' : 'missing';
}

/** A month may be reported once it has begun (CST), never ahead. */
export function monthHasBegun(month: string, now: Date): boolean {
  const current = new Date(now.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 7);
  return month <= current;
}

/** Share of grids that reported (100% screened means every grid, "nothing found" included). */
export const coverage = (reported: number, grids: number) =>
  grids > 0 ? Math.round((reported / grids) * 10_000) / 10_000 : null;
