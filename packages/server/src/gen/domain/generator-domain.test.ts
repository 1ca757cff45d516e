import { describe, expect, it } from 'vitest';
import { CLOSED_STATES, decide } from '../../cases/index.ts';
import { walkCase } from './case-walk.ts';
import { copyLine, copyValue } from './copy-text.ts';
import { seededRandom, WeightedPicker } from './random.ts';
import { casesPerDay } from './rhythm.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('COPY text values', () => {
  it.each<[string | number | boolean | null, string]>([
    [null, '\\N'],
    ['a\tb', 'a\\tb'],
    ['line\nbreak', 'line\\nbreak'],
    ['back\\slash', 'back\\\\slash'],
    [12.5, '12.5'],
    [true, 't'],
    ['和平区', '和平区'],
  ])('%j is written %j', (value, text) => expect(copyValue(value)).toBe(text));
  it('joins a row with tabs and ends it with a newline', () =>
    expect(copyLine([1, null, 'x'])).toBe('1\t\\N\tx\n'));
});

describe('arrival rhythm', () => {
  const lastDay = Date.parse('2026-12-31T00:00:00Z');
  const days = casesPerDay(100_000, lastDay, 365);
  const sumWhere = (f: (d: Date) => boolean) =>
    days.filter((d) => f(new Date(d.dayMs))).reduce((a, d) => a + d.count, 0);
  it('hands out exactly the cases asked for, over the days asked for', () => {
    expect(days).toHaveLength(365);
    expect(days.reduce((a, d) => a + d.count, 0)).toBe(100_000);
  });
  it('is busier in July than in February and on weekdays than at weekends', () => {
    expect(sumWhere((d) => d.getUTCMonth() === 6) / 31).toBeGreaterThan(
      sumWhere((d) => d.getUTCMonth() === 1) / 28,
    );
    expect(sumWhere((d) => d.getUTCDay() === 2) / 52).toBeGreaterThan(
      sumWhere((d) => d.getUTCDay() === 0) / 52,
    );
  });
  it('picks in proportion to weights', () => {
    const random = seededRandom(1);
    const picker = new WeightedPicker([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const k = picker.pick(random);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / (counts[0] as number)).toBeGreaterThan(2);
  });
});

describe('case histories walked through the workflow', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const random = seededRandom(99);
  const walks = Array.from({ length: 3000 }, (_, i) =>
    walkCase(random, {
      kind: i % 3 ? 'request' : 'hazard',
      channel: i % 4 === 0 ? 'field' : 'phone',
      reportedAt: now - (i % 60) * DAY - HOUR,
      limits: { accept: 4, handle: 120, verify: 48 },
      hasReporter: i % 7 !== 0,
      duplicateOf: i % 10 === 0 ? 1 : null,
      now,
    }),
  );

  it('takes only actions the state machine allows, in order, never after now', () => {
    for (const w of walks) {
      for (let i = 1; i < w.actions.length; i++) {
        const a = w.actions[i] as (typeof w.actions)[number];
        const before = w.actions[i - 1] as (typeof w.actions)[number];
        expect(a.from).toBe(before.to);
        expect(a.at).toBeGreaterThan(before.at);
        expect(a.at).toBeLessThanOrEqual(now);
        if (a.action !== 'report' && a.action !== 'resume')
          expect(
            decide(a.from as never, a.action, [
              'centre',
              'assignee',
              'coordinator',
              'grid_worker',
              'reporter',
              'summoned',
            ]).ok,
          ).toBe(true);
      }
      expect(w.status).toBe(w.actions.at(-1)?.to);
    }
  });

  it('leaves finished cases without a running step and open ones with their deadline', () => {
    for (const w of walks) {
      if ((CLOSED_STATES as readonly string[]).includes(w.status)) expect(w.step).toBeNull();
      else if (w.status !== 'suspended') expect(w.dueAt).not.toBeNull();
      if (w.status === 'closed') expect(w.closedAt).not.toBeNull();
      if (w.rating) expect(w.status).toBe('closed');
    }
  });

  it('covers every final and intermediate state, overdue and on time, summons and merges', () => {
    const states = new Set(walks.map((w) => w.status));
    for (const s of [
      'reported',
      'accepted',
      'dispatched',
      'handling',
      'resolved',
      'closed',
      'rejected',
      'withdrawn',
      'merged',
    ])
      expect(states, s).toContain(s);
    expect(walks.some((w) => w.card === 'red')).toBe(true);
    expect(walks.some((w) => w.status === 'closed' && w.card === 'none')).toBe(true);
    expect(walks.some((w) => w.summons.length >= 2)).toBe(true);
    expect(walks.some((w) => w.actions.some((a) => a.action === 'reopen'))).toBe(true);
  });
});
