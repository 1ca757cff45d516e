import { isClosedState } from './state-machine.ts';

/**
 * A case's state is a fold of its history: the columns of the `cases` row that follow from the
 * history rows alone (the stored row is their projection). Deadline columns follow from these with
 * the calendar and limits (domain/step-columns.ts); units and level from the `toUnitId` facts the
 * history rows carry.
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

/**
 * One history row applied to the state before it: the projection's reducer. The live action path
 * (cases/domain/workflow-reducer.ts) computes these columns with this very function from the row
 * it appends, and the replay folds it over `case_action`: replay equals live by construction.
 */
export function evolveCase(s: ReplayedCase, h: HistoryRow): ReplayedCase {
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

export const INITIAL_CASE: ReplayedCase = {
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

/** The derived columns of a stored row, in the projection's terms. */
export function projectionOf(row: Record<string, unknown>): ReplayedCase {
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
