import { Type } from 'typebox';
import { addWorkingTime, type WorkingCalendar } from './calendar.ts';

/**
 * Step deadlines from a category's time limits (per level: accept / handle / verify, with the
 * yellow-card and red-card fractions), on a working calendar. Pure: no I/O, no clock.
 */

export type DeadlineStep = 'accept' | 'handle' | 'verify';
export const DEADLINE_STEPS: readonly DeadlineStep[] = ['accept', 'handle', 'verify'];
export type CaseLevel = 'grid' | 'community' | 'street' | 'district' | 'city';
export const CASE_LEVELS: readonly CaseLevel[] = ['grid', 'community', 'street', 'district', 'city'];

/** `working_*` count only working time on the calendar; `hours`/`days` are natural time. */
export type LimitUnit = 'working_hours' | 'working_days' | 'hours' | 'days';
export const LIMIT_UNITS: readonly LimitUnit[] = ['working_hours', 'working_days', 'hours', 'days'];

export interface TimeLimit {
  value: number;
  unit: LimitUnit;
}

export interface LevelLimits {
  accept?: TimeLimit;
  handle?: TimeLimit;
  verify?: TimeLimit;
  /** Fraction of the limit elapsed that shows the yellow card (warning). Default 0.8. */
  yellow?: number;
  /** Fraction of the limit elapsed that shows the red card (overdue). Default 1.0. */
  red?: number;
}

/** A category's `time_limits`: per level, plus an optional `default` used for levels not listed. */
export type TimeLimits = Partial<Record<CaseLevel | 'default', LevelLimits>>;

const TimeLimitSchema = Type.Object(
  {
    value: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
    unit: Type.Union(LIMIT_UNITS.map((u) => Type.Literal(u))),
  },
  { additionalProperties: false },
);
const LevelLimitsSchema = Type.Object(
  {
    accept: Type.Optional(TimeLimitSchema),
    handle: Type.Optional(TimeLimitSchema),
    verify: Type.Optional(TimeLimitSchema),
    yellow: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    red: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10 })),
  },
  { additionalProperties: false },
);
/** Request schema for a category's time limits (for the categories API). */
export const TimeLimitsSchema = Type.Object(
  Object.fromEntries([...CASE_LEVELS, 'default'].map((l) => [l, Type.Optional(LevelLimitsSchema)])),
  { additionalProperties: false },
);

/** Used when a category names no limit for a step at a level (nor a `default`). */
export const DEFAULT_LEVEL_LIMITS: Required<LevelLimits> = {
  accept: { value: 2, unit: 'working_hours' },
  handle: { value: 5, unit: 'working_days' },
  verify: { value: 2, unit: 'working_days' },
  yellow: 0.8,
  red: 1.0,
};

/**
 * Rules a schema cannot state: yellow comes before red. Returns the offending field paths
 * (relative to the time limits object) with messages; empty when valid.
 */
export function timeLimitsProblems(limits: TimeLimits): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const [level, l] of Object.entries(limits)) {
    const yellow = l?.yellow ?? DEFAULT_LEVEL_LIMITS.yellow;
    const red = l?.red ?? DEFAULT_LEVEL_LIMITS.red;
    if (yellow > red) problems.push({ field: `${level}.yellow`, message: 'must not exceed red' });
  }
  return problems;
}

/** The limit that applies to a step at a level, with its yellow and red fractions. */
export function resolveLimit(
  limits: TimeLimits | null | undefined,
  level: CaseLevel,
  step: DeadlineStep,
): { limit: TimeLimit; yellow: number; red: number } {
  const own = limits?.[level];
  const fallback = limits?.default;
  return {
    limit: own?.[step] ?? fallback?.[step] ?? DEFAULT_LEVEL_LIMITS[step],
    yellow: own?.yellow ?? fallback?.yellow ?? DEFAULT_LEVEL_LIMITS.yellow,
    red: own?.red ?? fallback?.red ?? DEFAULT_LEVEL_LIMITS.red,
  };
}

/** Is the limit measured in working time (true) or natural time (false)? */
export function isWorkingUnit(unit: LimitUnit): boolean {
  return unit === 'working_hours' || unit === 'working_days';
}

/**
 * A limit as a duration in ms: working time for `working_*` units (a working day is the
 * calendar's working-day length, 7 h by default), natural time otherwise.
 */
export function limitDurationMs(limit: TimeLimit, calendar: WorkingCalendar): number {
  switch (limit.unit) {
    case 'working_hours':
    case 'hours':
      return limit.value * 3_600_000;
    case 'working_days':
      return limit.value * calendar.dayLengthMs;
    case 'days':
      return limit.value * 86_400_000;
  }
}

/** `start` plus `ms`, counted in working time or natural time as the unit says. */
export function addLimitTime(calendar: WorkingCalendar, unit: LimitUnit, start: Date, ms: number): Date {
  return isWorkingUnit(unit) ? addWorkingTime(calendar, start, ms) : new Date(start.getTime() + ms);
}

export interface StepDeadlineInput {
  limits: TimeLimits | null | undefined;
  level: CaseLevel;
  step: DeadlineStep;
  start: Date;
  calendar: WorkingCalendar;
  /**
   * Extra time added to both thresholds, in the limit's kind of time (working ms for working
   * units): the working time spent suspended, plus approved extensions.
   */
  shiftMs?: number;
}

export interface StepDeadline {
  /** The yellow card shows from here. */
  warnAt: Date;
  /** Overdue (red card) from here. */
  dueAt: Date;
}

export function computeStepDeadline(input: StepDeadlineInput): StepDeadline {
  const { limit, yellow, red } = resolveLimit(input.limits, input.level, input.step);
  const duration = limitDurationMs(limit, input.calendar);
  const shift = Math.max(0, input.shiftMs ?? 0);
  const at = (fraction: number) =>
    addLimitTime(input.calendar, limit.unit, input.start, Math.round(duration * fraction) + shift);
  return { warnAt: at(Math.min(yellow, red)), dueAt: at(red) };
}

export type Card = 'none' | 'yellow' | 'red';

/**
 * The card a case shows at `now`, and when the sweeper must look at it next (`nextCheckAt`,
 * stored as `cases.warn_at`: the due time after the yellow card, null after the red one).
 */
export function cardAt(
  deadline: { warnAt: Date | null; dueAt: Date | null },
  now: Date,
): { card: Card; nextCheckAt: Date | null } {
  const t = now.getTime();
  if (deadline.dueAt && t >= deadline.dueAt.getTime()) return { card: 'red', nextCheckAt: null };
  if (deadline.warnAt && t >= deadline.warnAt.getTime())
    return { card: 'yellow', nextCheckAt: deadline.dueAt };
  return { card: 'none', nextCheckAt: deadline.warnAt ?? deadline.dueAt };
}
