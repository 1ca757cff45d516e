import { isClosedState } from '../domain/state-machine.ts';

/**
 * A case's state is a fold of its history: `replayCase` rebuilds, from the rows of `case_action`
 * alone, the columns of the `cases` row that the workflow derives (the stored row is their
 * projection). Pure: the replay test and `npm run replay` compare it with the stored rows.
 * Deadline columns follow from these with the calendar and limits (cases/step-clock.ts);
 * units and level from the `toUnitId` facts the history rows carry.
 */
export interface HistoryRow {
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  payload: Record<string, unknown>;
  at: Date | string;
}

export interface ReplayedCase {
  status: string;
  status_before_suspend: string | null;
  accepted_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  rating: string | null;
  ratings_satisfied: number;
  ratings_basically_satisfied: number;
  ratings_unsatisfied: number;
  merged_into: number | null;
}

export const REPLAYED_COLUMNS = [
  'status',
  'status_before_suspend',
  'accepted_at',
  'resolved_at',
  'closed_at',
  'rating',
  'ratings_satisfied',
  'ratings_basically_satisfied',
  'ratings_unsatisfied',
  'merged_into',
] as const satisfies readonly (keyof ReplayedCase)[];

const iso = (d: Date | string) => new Date(d).toISOString();

/** One history row applied to the state before it (the reducer). */
export function applyHistoryRow(s: ReplayedCase, h: HistoryRow): ReplayedCase {
  const at = iso(h.at);
  const next: ReplayedCase = { ...s, status: h.to_status };
  const p = h.payload ?? {};
  switch (h.action) {
    case 'report': {
      // routed by category straight to a department: accepted on arrival
      const routing = p.routing as { byCategory?: boolean } | undefined;
      if (routing?.byCategory) next.accepted_at = at;
      return next;
    }
    case 'accept':
      next.accepted_at = s.accepted_at ?? at;
      return next;
    case 'handle_on_spot':
      return { ...next, accepted_at: s.accepted_at ?? at, resolved_at: at, closed_at: at };
    case 'resolve':
      return { ...next, resolved_at: at };
    case 'verify_fail':
      return { ...next, resolved_at: null };
    case 'rate': {
      const rating = typeof p.rating === 'string' ? p.rating : s.rating;
      const counter = `ratings_${rating}`;
      // every rating counts, also the ones a later reopening clears from `rating`
      if (
        counter === 'ratings_satisfied' ||
        counter === 'ratings_basically_satisfied' ||
        counter === 'ratings_unsatisfied'
      )
        return { ...next, rating, [counter]: s[counter] + 1 };
      return { ...next, rating };
    }
    case 'reopen':
      return { ...next, closed_at: null, resolved_at: null, rating: null };
    case 'suspend':
      return { ...next, status_before_suspend: h.from_status };
    case 'resume':
      return { ...next, status_before_suspend: null };
    case 'merge':
      return { ...next, closed_at: at, merged_into: Number(p.intoCaseId ?? p.into ?? s.merged_into) };
    default:
      // reject, withdraw, close, verify_pass and any kind action entering a finished state
      if (h.to_status !== h.from_status && isClosedState(h.to_status)) return { ...next, closed_at: at };
      if (h.to_status !== h.from_status && h.to_status === 'resolved') return { ...next, resolved_at: at };
      return next;
  }
}

export function replayCase(history: readonly HistoryRow[]): ReplayedCase {
  const start: ReplayedCase = {
    status: 'reported',
    status_before_suspend: null,
    accepted_at: null,
    resolved_at: null,
    closed_at: null,
    rating: null,
    ratings_satisfied: 0,
    ratings_basically_satisfied: 0,
    ratings_unsatisfied: 0,
    merged_into: null,
  };
  return [...history].sort((a, b) => a.seq - b.seq).reduce(applyHistoryRow, start);
}

/** The derived columns of a stored row, in the replay's terms (for comparison). */
export function storedProjection(row: Record<string, unknown>): ReplayedCase {
  const t = (v: unknown) => (v === null || v === undefined ? null : iso(v as string));
  return {
    status: String(row.status),
    status_before_suspend: (row.status_before_suspend as string | null) ?? null,
    accepted_at: t(row.accepted_at),
    resolved_at: t(row.resolved_at),
    closed_at: t(row.closed_at),
    rating: (row.rating as string | null) ?? null,
    ratings_satisfied: Number(row.ratings_satisfied ?? 0),
    ratings_basically_satisfied: Number(row.ratings_basically_satisfied ?? 0),
    ratings_unsatisfied: Number(row.ratings_unsatisfied ?? 0),
    merged_into: row.merged_into === null || row.merged_into === undefined ? null : Number(row.merged_into),
  };
}

/** The columns where a replay differs from the stored row (empty when they agree). */
export function replayDifferences(stored: ReplayedCase, replayed: ReplayedCase): string[] {
  return REPLAYED_COLUMNS.filter((c) => stored[c] !== replayed[c]);
}
