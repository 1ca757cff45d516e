import type { AppContext } from '../../context.ts';
import type { TimeLimits } from '../domain/deadlines.ts';
import type { CaseState } from '../domain/state-machine.ts';
import { elapsedOnStep, type StepColumns, shiftedStep, stepColumns } from '../domain/step-columns.ts';
import type { CaseLevel } from '../tables.ts';

export type { StepColumns } from '../domain/step-columns.ts';

const clockOf = (ctx: AppContext, limits: TimeLimits | null) => ({
  limits,
  calendar: ctx.services.calendar.current(),
});

/** A fresh step for a case entering `state` at `level`: deadlines from the category's limits. */
export function startStep(
  ctx: AppContext,
  limits: TimeLimits | null,
  state: CaseState,
  level: CaseLevel,
  start: Date,
): StepColumns {
  return stepColumns(clockOf(ctx, limits), state, level, start);
}

/** The running step's deadlines again, with `extraMs` more time (a resumed suspension, an extension). */
export function shiftStep(
  ctx: AppContext,
  limits: TimeLimits | null,
  row: { step: string | null; step_started_at: Date | null; step_shift_ms: number; level: CaseLevel },
  extraMs: number,
): Pick<StepColumns, 'step_shift_ms' | 'warn_at' | 'due_at'> | null {
  return shiftedStep(clockOf(ctx, limits), row, extraMs);
}

/** How much of the step's kind of time (working or natural) passed between two instants. */
export function elapsedStepTime(
  ctx: AppContext,
  limits: TimeLimits | null,
  row: { step: string | null; level: CaseLevel },
  from: Date,
  to: Date,
): number {
  return elapsedOnStep(clockOf(ctx, limits), row, from, to);
}
