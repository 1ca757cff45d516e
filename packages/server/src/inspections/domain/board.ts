/**
 * A campaign board's row: the five counts of a region and its progress against the campaign's
 * targets. Pure: the counts come from the rows (see boardRows), progress is arithmetic on them.
 */
export const BOARD_FIGURES = ['due', 'visited', 'found', 'fixed', 'overdue'] as const;
export type BoardFigure = (typeof BOARD_FIGURES)[number];

export type Counts = Record<BoardFigure, number>;

/** Share of places visited, share of hazards fixed (1 when there is nothing to do), and the targets met. */
export function progress(c: Counts, targets: { target_coverage: number; target_fixed: number }) {
  const coverage = c.due === 0 ? 1 : c.visited / c.due;
  const fixedRate = c.found === 0 ? 1 : c.fixed / c.found;
  return {
    coverage: Math.round(coverage * 1000) / 1000,
    fixedRate: Math.round(fixedRate * 1000) / 1000,
    coverageMet: coverage >= targets.target_coverage,
    fixedMet: fixedRate >= targets.target_fixed,
  };
}

export function boardRow(
  c: Counts,
  targets: { target_coverage: number; target_fixed: number },
  region: { code: string; name: string; level: string },
) {
  return { ...region, ...c, ...progress(c, targets) };
}
