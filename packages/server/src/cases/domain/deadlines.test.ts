import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './calendar.ts';
import {
  type CaseLevel,
  cardAt,
  computeStepDeadline,
  type DeadlineStep,
  limitDurationMs,
  resolveLimit,
  type TimeLimits,
  timeLimitsProblems,
} from './deadlines.ts';

const HOUR = 3_600_000;
const bj = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const calendar = createWorkingCalendar({
  days: [
    ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map(
      (day) => ({ day, kind: 'off' as const }),
    ),
    { day: '2026-10-10', kind: 'work' },
  ],
});

const limits: TimeLimits = {
  community: {
    accept: { value: 2, unit: 'working_hours' },
    handle: { value: 5, unit: 'working_days' },
    verify: { value: 1, unit: 'working_days' },
    yellow: 0.8,
    red: 1.0,
  },
  street: { handle: { value: 10, unit: 'working_days' }, yellow: 0.5 },
  city: { accept: { value: 24, unit: 'hours' }, handle: { value: 3, unit: 'days' }, yellow: 0.5 },
  default: { verify: { value: 3, unit: 'working_days' }, yellow: 0.75 },
};

describe('computeStepDeadline', () => {
  it.each<[string, CaseLevel, DeadlineStep, string, number, string, string]>([
    [
      'accept 2 working hours',
      'community',
      'accept',
      '2026-03-02 09:00',
      0,
      '2026-03-02 10:36',
      '2026-03-02 11:00',
    ],
    [
      'accept across the weekend',
      'community',
      'accept',
      '2026-03-06 17:00',
      0,
      '2026-03-09 10:06',
      '2026-03-09 10:30',
    ],
    [
      'handle 5 working days',
      'community',
      'handle',
      '2026-03-02 09:00',
      0,
      '2026-03-05 17:30',
      '2026-03-06 17:30',
    ],
    [
      'handle through National Day',
      'community',
      'handle',
      '2026-09-29 10:00',
      0,
      '2026-10-10 10:00',
      '2026-10-12 10:00',
    ],
    [
      'received on a holiday',
      'community',
      'verify',
      '2026-10-03 10:00',
      0,
      '2026-10-08 16:06',
      '2026-10-08 17:30',
    ],
    [
      'suspended 3 working hours',
      'community',
      'accept',
      '2026-03-02 09:00',
      3 * HOUR,
      '2026-03-02 15:06',
      '2026-03-02 15:30',
    ],
    [
      'street: own handle limit and yellow, default red',
      'street',
      'handle',
      '2026-03-02 09:00',
      0,
      '2026-03-06 17:30',
      '2026-03-13 17:30',
    ],
    [
      'street: accept not given → built-in default',
      'street',
      'accept',
      '2026-03-02 09:00',
      0,
      '2026-03-02 10:00',
      '2026-03-02 11:00',
    ],
    [
      'city: natural hours ignore the calendar',
      'city',
      'accept',
      '2026-10-01 08:00',
      0,
      '2026-10-01 20:00',
      '2026-10-02 08:00',
    ],
    ['city: natural days', 'city', 'handle', '2026-10-01 08:00', 0, '2026-10-02 20:00', '2026-10-04 08:00'],
    [
      'district: from the category default',
      'district',
      'verify',
      '2026-03-02 09:00',
      0,
      '2026-03-04 10:45',
      '2026-03-04 17:30',
    ],
  ])('%s', (_name, level, step, start, shiftMs, warn, due) => {
    const d = computeStepDeadline({ limits, level, step, start: bj(start), calendar, shiftMs });
    expect({ warnAt: d.warnAt.toISOString(), dueAt: d.dueAt.toISOString() }).toEqual({
      warnAt: bj(warn).toISOString(),
      dueAt: bj(due).toISOString(),
    });
  });

  it('falls back to built-in limits for a category without any', () => {
    const d = computeStepDeadline({
      limits: {},
      level: 'grid',
      step: 'handle',
      start: bj('2026-03-02 09:00'),
      calendar,
    });
    expect(d.dueAt).toEqual(bj('2026-03-06 17:30'));
  });

  it('never puts the warning after the due time', () => {
    const d = computeStepDeadline({
      limits: { grid: { accept: { value: 1, unit: 'working_hours' }, yellow: 0.9, red: 0.5 } },
      level: 'grid',
      step: 'accept',
      start: bj('2026-03-02 09:00'),
      calendar,
    });
    expect(d.warnAt).toEqual(d.dueAt);
  });
});

describe('limits', () => {
  it('measures a working day as the calendar working-day length', () => {
    expect(limitDurationMs({ value: 2, unit: 'working_days' }, calendar)).toBe(14 * HOUR);
    expect(limitDurationMs({ value: 2, unit: 'days' }, calendar)).toBe(48 * HOUR);
  });
  it('prefers the level, then the category default, then the built-in', () => {
    expect(resolveLimit(limits, 'street', 'handle')).toEqual({
      limit: { value: 10, unit: 'working_days' },
      yellow: 0.5,
      red: 1,
    });
    expect(resolveLimit(limits, 'grid', 'verify').limit).toEqual({ value: 3, unit: 'working_days' });
    expect(resolveLimit(null, 'grid', 'accept').limit).toEqual({ value: 2, unit: 'working_hours' });
  });
  it('names a yellow threshold beyond the red one', () => {
    expect(timeLimitsProblems({ street: { yellow: 0.9, red: 0.8 } })).toEqual([
      { field: 'street.yellow', message: 'must not exceed red' },
    ]);
    expect(timeLimitsProblems(limits)).toEqual([]);
  });
});

describe('cardAt', () => {
  const warnAt = bj('2026-03-02 10:36');
  const dueAt = bj('2026-03-02 11:00');
  it.each([
    ['before the warning', '2026-03-02 10:00', 'none', warnAt],
    ['at the warning', '2026-03-02 10:36', 'yellow', dueAt],
    ['between warning and due', '2026-03-02 10:50', 'yellow', dueAt],
    ['at the due time', '2026-03-02 11:00', 'red', null],
    ['long after', '2026-03-09 11:00', 'red', null],
  ])('%s → %s', (_name, now, card, next) => {
    expect(cardAt({ warnAt, dueAt }, bj(now))).toEqual({ card, nextCheckAt: next });
  });
  it('shows no card without deadlines', () => {
    expect(cardAt({ warnAt: null, dueAt: null }, bj('2026-03-02 10:00'))).toEqual({
      card: 'none',
      nextCheckAt: null,
    });
  });
});
