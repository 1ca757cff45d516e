import { describe, expect, it } from 'vitest';
import {
  type Contribution,
  contributionDelta,
  type FigureDispute,
  mediatorContributions,
  monthOf,
  orgContributions,
  ratesOf,
} from './figures.ts';

function sumInto<K>(into: Map<string, Record<string, number>>, cs: Contribution<K>[]) {
  for (const c of cs) {
    const id = JSON.stringify(c.key);
    const row = into.get(id) ?? {};
    for (const [f, v] of Object.entries(c.values)) row[f] = (row[f] ?? 0) + (v as number);
    into.set(id, row);
  }
}
const nonZero = (m: Map<string, Record<string, number>>) =>
  Object.fromEntries(
    [...m]
      .map(([k, row]) => [k, Object.fromEntries(Object.entries(row).filter(([, v]) => v !== 0))] as const)
      .filter(([, row]) => Object.keys(row).length > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

const base: FigureDispute = {
  district_code: '120101000000',
  street_code: '120101001000',
  type: 'neighbour',
  screened_at: '2026-03-31T17:00:00Z',
  org_id: null,
  mediator_ids: [],
  outcome: null,
  accepted_at: null,
  concluded_at: null,
  due_at: null,
  failed_orgs: [],
};

describe('dispute figures', () => {
  it('files a dispute under its China Standard Time month', () => {
    expect(monthOf('2026-03-31T15:59:59Z')).toBe('2026-03');
    expect(monthOf('2026-03-31T16:00:00Z')).toBe('2026-04');
  });

  it('counts a dispute one committee failed and another settled for both, resolved once', () => {
    const x: FigureDispute = {
      ...base,
      org_id: 2,
      mediator_ids: [20],
      outcome: 'agreement',
      accepted_at: '2026-04-05T00:00:00Z',
      concluded_at: '2026-04-12T00:00:00Z',
      due_at: '2026-05-05T00:00:00Z',
      failed_orgs: [
        {
          orgId: 1,
          mediatorIds: [10],
          acceptedAt: '2026-04-01T00:00:00Z',
          concludedAt: '2026-04-04T00:00:00Z',
          dueAt: '2026-04-02T00:00:00Z',
        },
      ],
    };
    const rows = orgContributions(x);
    expect(rows.map((r) => [r.key.org_id, r.values])).toEqual([
      [2, { screened: 1, resolved: 1, mediated: 1, succeeded: 1, on_time: 1, days_sum: 7 }],
      [1, { mediated: 1, succeeded: 0, on_time: 0, days_sum: 3 }],
    ]);
    expect(mediatorContributions(x).map((r) => r.key.mediator_id)).toEqual([20, 10]);
    expect(ratesOf({ screened: 4, resolved: 3, mediated: 2, succeeded: 1, on_time: 2, days_sum: 9 })).toEqual(
      {
        resolutionRate: 0.75,
        successRate: 0.5,
        onTimeRate: 1,
        averageDays: 4.5,
      },
    );
    expect(ratesOf({})).toEqual({
      resolutionRate: null,
      successRate: null,
      onTimeRate: null,
      averageDays: null,
    });
  });

  it('kept change by change equals rebuilt from the final rows (random workload)', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 65536) % n;
    };
    const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)] as T;
    const day = () => `2026-0${1 + rnd(5)}-1${rnd(9)}T0${rnd(9)}:00:00Z`;
    const kept = new Map<string, Record<string, number>>();
    const keptM = new Map<string, Record<string, number>>();
    const rows: FigureDispute[] = [];
    for (let step = 0; step < 3000; step++) {
      const i = rnd(rows.length + 1);
      const before = rows[i] ?? null;
      const after: FigureDispute = before
        ? { ...before }
        : { ...base, screened_at: day(), type: pick(['family', 'labour']) };
      const change = rnd(4);
      if (change === 0) Object.assign(after, { org_id: 1 + rnd(3), mediator_ids: [rnd(5)] });
      if (change === 1)
        Object.assign(after, {
          outcome: pick(['agreement', 'failed', null]),
          accepted_at: day(),
          concluded_at: day(),
          due_at: day(),
        });
      if (change === 2 && after.org_id)
        after.failed_orgs = [
          ...after.failed_orgs,
          { orgId: after.org_id, mediatorIds: [1], acceptedAt: day(), concludedAt: day(), dueAt: day() },
        ];
      if (change === 3) after.street_code = pick(['120101001000', '120101002000']);
      sumInto(kept, contributionDelta(before ? orgContributions(before) : [], orgContributions(after)));
      sumInto(
        keptM,
        contributionDelta(before ? mediatorContributions(before) : [], mediatorContributions(after)),
      );
      rows[before ? i : rows.length] = after;
    }
    const rebuilt = new Map<string, Record<string, number>>();
    const rebuiltM = new Map<string, Record<string, number>>();
    for (const r of rows) {
      sumInto(rebuilt, orgContributions(r));
      sumInto(rebuiltM, mediatorContributions(r));
    }
    expect(nonZero(kept)).toEqual(nonZero(rebuilt));
    expect(nonZero(keptM)).toEqual(nonZero(rebuiltM));
    expect(Object.keys(nonZero(rebuilt)).length).toBeGreaterThan(10);
  });
});
