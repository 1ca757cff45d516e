/**
 * Screening periods and the street's monthly report, pure. Grids report monthly ('YYYY-MM'),
 * also when nothing was found. A street's report for a month is due by the end of the 1st of
 * the next month, China Standard Time (每月逢1): filed by then it is complete, after it late;
 * not filed it is missing once the day has passed, pending before.
 */
import { cityMonth, cityMonthStart } from '../../lib/clock.ts';
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The instant a month's street report is due: 00:00 CST on the 2nd of the next month. */
export function streetReportDue(month: string): Date {
  return new Date(cityMonthStart(month, 1).getTime() + 86_400_000);
}

export type StreetReportStatus = 'complete' | 'late' | 'missing' | 'pending';

export function streetReportStatus(month: string, filedAt: Date | null, now: Date): StreetReportStatus {
  const due = streetReportDue(month);
  if (filedAt) return filedAt.getTime() < due.getTime() ? 'complete' : 'late';
  return now.getTime() < due.getTime() ? 'pending' : 'missing';
}

/** A month may be reported once it has begun (CST), never ahead. */
export function monthHasBegun(month: string, now: Date): boolean {
  return month <= cityMonth(now);
}

/** Share of grids that reported (100% screened means every grid, "nothing found" included). */
export const coverage = (reported: number, grids: number) =>
  grids > 0 ? Math.round((reported / grids) * 10_000) / 10_000 : null;
