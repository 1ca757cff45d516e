import {
  evolveCase,
  type HistoryRow,
  INITIAL_CASE,
  projectionOf,
  REPLAYED_COLUMNS,
  type ReplayedCase,
} from '../domain/case-evolve.ts';

/**
 * Replay: rebuild, from the rows of `case_action` alone, the columns of the `cases` row that the
 * workflow derives, by folding the same reducer the live action path uses
 * (`evolveCase`, cases/domain/case-evolve.ts). The replay test and `npm run replay` compare it
 * with the stored rows.
 */
export type { HistoryRow, ReplayedCase } from '../domain/case-evolve.ts';
export { REPLAYED_COLUMNS } from '../domain/case-evolve.ts';
/** One history row applied to the state before it (kept under its old name). */
export const applyHistoryRow = evolveCase;

export function replayCase(history: readonly HistoryRow[]): ReplayedCase {
  return [...history].sort((a, b) => a.seq - b.seq).reduce(evolveCase, INITIAL_CASE);
}

/** The derived columns of a stored row, in the replay's terms (for comparison). */
export const storedProjection = projectionOf;

/** The columns where a replay differs from the stored row (empty when they agree). */
export function replayDifferences(stored: ReplayedCase, replayed: ReplayedCase): string[] {
  return REPLAYED_COLUMNS.filter((c) => stored[c] !== replayed[c]);
}
