/** Where a summoned department stands: done, reported in, late to report in, or awaited. */
export type SummonsStatus = 'done' | 'reported_in' | 'overdue' | 'open';

export function summonsStatus(
  s: { doneAt?: string | null; reportedInAt?: string | null; reportInDueAt?: string | null },
  now: Date = new Date(),
): SummonsStatus {
  if (s.doneAt) return 'done';
  if (s.reportedInAt) return 'reported_in';
  if (s.reportInDueAt && new Date(s.reportInDueAt) < now) return 'overdue';
  return 'open';
}
