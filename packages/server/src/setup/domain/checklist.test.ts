import { describe, expect, it } from 'vitest';
import { blockers, checklist, type SetupCounts } from './checklist.ts';

const ready: SetupCounts = {
  city: { code: '620500000000', name: '天水市' },
  regionsByLevel: { city: 1, district: 7, street: 130, community: 2624, grid: 3000 },
  withoutBoundary: 0,
  communitiesWithoutGrids: 0,
  centres: 2762,
  regionsWithoutCentre: 0,
  users: 40,
  admins: 1,
  categories: 60,
  unroutedCategories: [],
  holidaysThisYear: 30,
  year: 2026,
  portalText: true,
  live: false,
};

describe('setup checklist', () => {
  it('a city with everything in place has only the live step left', () => {
    const steps = checklist(ready);
    expect(steps.filter((s) => s.state !== 'done').map((s) => s.key)).toEqual(['live']);
    expect(blockers(steps)).toEqual([]);
  });

  it('an empty installation lists what each step misses, and that blocks going live', () => {
    const steps = checklist({
      ...ready,
      city: null,
      regionsByLevel: {},
      centres: 0,
      users: 1,
      categories: 0,
      holidaysThisYear: 0,
    });
    expect(blockers(steps).map((s) => s.key)).toEqual([
      'city',
      'divisions',
      'grids',
      'units',
      'users',
      'categories',
      'calendar',
    ]);
    expect(steps.find((s) => s.key === 'calendar')?.missing).toEqual([
      "no public holidays for 2026: import the year's schedule",
    ]);
  });

  it('missing boundaries, centres below the top, unrouted categories and portal text are advice, not blockers', () => {
    const steps = checklist({
      ...ready,
      withoutBoundary: 5,
      regionsWithoutCentre: 3,
      unroutedCategories: ['a'],
      portalText: false,
    });
    expect(steps.filter((s) => s.state === 'advice').map((s) => s.key)).toEqual([
      'boundaries',
      'units',
      'categories',
      'portal',
    ]);
    expect(blockers(steps)).toEqual([]);
  });
});
