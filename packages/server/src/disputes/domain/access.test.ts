import { describe, expect, it } from 'vitest';
import { type AccessActor, allowed, mediationRoles, pathsFor } from './access.ts';

const staff = (...posts: [string, string | null, number | null][]): AccessActor => ({
  kind: 'staff',
  posts: posts.map(([role, regionPath, unitId]) => ({ role, regionPath, unitId })),
});
const HEPING = '120000000000/120101000000/';
const GRID = `${HEPING}120101001000/120101001001/120101001001001/`;
const HEXI = '120000000000/120103000000/';

describe('dispute access', () => {
  it.each([
    ['grid worker of the grid reads and screens', staff(['grid_worker', GRID, null]), 'read', true],
    [
      'grid worker of the grid cannot manage the registry',
      staff(['grid_worker', GRID, null]),
      'manage_registry',
      false,
    ],
    [
      'a mediator of the district registers a dispute brought to them',
      staff(['mediator', HEPING, 9]),
      'register',
      true,
    ],
    ['a mediator does not file screening reports', staff(['mediator', HEPING, 9]), 'screen', false],
    ['district operator reads', staff(['centre_operator', HEPING, 1]), 'read', true],
    ['another district’s operator does not', staff(['centre_operator', HEXI, 2]), 'read', false],
    ['an inspector does not read disputes', staff(['inspector', HEPING, null]), 'read', false],
    ['the committee’s unit covers it without the region', staff(['mediator', null, 9]), 'read', true],
  ] as const)('%s', (_what, actor, access, expected) =>
    expect(allowed(actor, access, { regionPath: GRID, unitId: 9 })).toBe(expected),
  );

  it('residents and anonymous callers have no access', () =>
    expect(
      allowed({ kind: 'resident', posts: [{ role: 'admin', regionPath: '', unitId: null }] }, 'read', {
        regionPath: GRID,
      }),
    ).toBe(false));

  it('mediation capacities follow the posts that cover the dispute', () => {
    expect(
      mediationRoles(staff(['centre_operator', HEPING, 1], ['mediator', HEXI, 3]), { regionPath: GRID }),
    ).toEqual(['centre']);
    expect(mediationRoles(staff(['mediator', HEPING, 3]), { regionPath: GRID })).toEqual(['mediator']);
  });

  it('list scope is the outermost paths', () =>
    expect(pathsFor(staff(['centre_operator', HEPING, 1], ['grid_worker', GRID, null]), 'read')).toEqual([
      HEPING,
    ]));
});
