import { describe, expect, it } from 'vitest';
import { changeOf, withRates } from './figures.ts';
import { zeroFigures } from './rollup-contribution.ts';

const v = (o: Record<string, number>) => ({ ...zeroFigures(), ...o });

describe('rates', () => {
  it.each([
    [
      v({ received: 10, accepted: 8, resolved: 6, closed: 5, closed_on_time: 4, closed_minutes: 600 }),
      {
        acceptance_rate: 0.8,
        resolution_rate: 0.6,
        closure_rate: 0.5,
        on_time_rate: 0.8,
        avg_close_hours: 2,
      },
    ],
    [v({ satisfied: 3, basically_satisfied: 1, unsatisfied: 1 }), { rated: 5, satisfaction_rate: 0.8 }],
    [v({}), { acceptance_rate: null, on_time_rate: null, satisfaction_rate: null, avg_close_hours: null }],
  ])('%o gives %o', (values, rates) => expect(withRates(values)).toMatchObject(rates));
});

describe('change against the previous period', () => {
  it('gives the difference and the relative change', () => {
    const c = changeOf(withRates(v({ received: 15 })), withRates(v({ received: 10 })));
    expect(c.received).toEqual({ delta: 5, ratio: 0.5 });
  });
  it('has no relative change from zero, and none at all for a rate without data', () => {
    const c = changeOf(withRates(v({ received: 3 })), withRates(v({})));
    expect(c.received).toEqual({ delta: 3, ratio: null });
    expect(c.on_time_rate).toEqual({ delta: null, ratio: null });
  });
});
