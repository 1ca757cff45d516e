import { type WorkingCalendar, workingTimeBetween } from './calendar.ts';
import {
  type CaseLevel,
  computeStepDeadline,
  isWorkingUnit,
  resolveLimit,
  type TimeLimits,
} from './deadlines.ts';
import { type CaseState, stepOf } from './state-machine.ts';

/** The deadline columns of a case whose step (re)starts at `start` (or has stopped). */
export interface StepColumns {
  step: 'accept' | 'handle' | 'verify' | null;
  step_started_at: Date | null;
  step_shift_ms: number;
  warn_at: Date | null;
  due_at: Date | null;
}

/** What the step clock needs: the category's limits and the city's working calendar. */
export interface Clock {
  limits: TimeLimits | null;
  calendar: WorkingCalendar;
}

const NO_STEP: StepColumns = {
  step: null,
  step_started_at: null,
  step_shift_ms: 0,
  warn_at: null,
  due_at: null,
};

/** A fresh step for a case entering `state` at `level`: deadlines from the category's limits. */
export function stepColumns(clock: Clock, state: CaseState, level: CaseLevel, start: Date): StepColumns {
  const step = stepOf(state);
  if (!step) return NO_STEP;
  const { warnAt, dueAt } = computeStepDeadline({
    limits: clock.limits,
    level,
    step,
    start,
    calendar: clock.calendar,
  });
  return { step, step_started_at: start, step_shift_ms: 0, warn_at: warnAt, due_at: dueAt };
}

/** The running step's deadlines again, with `extraMs` more time (a resumed suspension, an extension). */
export function shiftedStep(
  clock: Clock,
  row: { step: string | null; step_started_at: Date | null; step_shift_ms: number; level: CaseLevel },
  extraMs: number,
): Pick<StepColumns, 'step_shift_ms' | 'warn_at' | 'due_at'> | null {
  if (!row.step || !row.step_started_at) return null;
  const shift = row.step_shift_ms + Math.max(0, Math.round(extraMs));
  const { warnAt, dueAt } = computeStepDeadline({
    limits: clock.limits,
    level: row.level,
    step: row.step as 'accept' | 'handle' | 'verify',
    start: new Date(row.step_started_at),
    calendar: clock.calendar,
    shiftMs: shift,
  });
  return { step_shift_ms: shift, warn_at: warnAt, due_at: dueAt };
}

/** How much of the step's kind of time (working or natural) passed between two instants. */
export function elapsedOnStep(
  clock: Clock,
  row: { step: string | null; level: CaseLevel },
  from: Date,
  to: Date,
): number {
  if (!row.step) return 0;
  const { limit } = resolveLimit(clock.limits, row.level, row.step as 'accept' | 'handle' | 'verify');
  if (isWorkingUnit(limit.unit)) return workingTimeBetween(clock.calendar, from, to);
  return Math.max(0, to.getTime() - from.getTime());
}
