import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Role } from '../actor.ts';
import { type Action, can, scopeOf } from './policy.ts';
import { staffActor } from './scope.ts';

const CITY = '120000000000/';
const HEPING = `${CITY}120101000000/`;
const STREET = `${HEPING}120101001000/`;
const COMMUNITY = `${STREET}120101001001/`;
const GRID = `${COMMUNITY}120101001001001/`;
const HEXI = `${CITY}120103000000/`;

function actor(role: Role, path: string, unitId: number | null = null) {
  const code = path.split('/').filter(Boolean).at(-1) ?? '';
  return staffActor(
    { id: 1, username: role, displayName: role },
    [{ id: 1, role, unitId, regionCode: code, regionPath: path }],
    'session',
  );
}

const handler = actor('department_handler', HEPING, 42);

describe('can(actor, action, resource)', () => {
  it.each<
    [
      string,
      ReturnType<typeof actor>,
      Action,
      { regionPath?: string | null; unitId?: number | null },
      boolean,
    ]
  >([
    [
      'a grid worker reveals a person in their grid',
      actor('grid_worker', GRID),
      'person.reveal',
      { regionPath: GRID },
      true,
    ],
    [
      'a grid worker cannot reveal in the next grid',
      actor('grid_worker', GRID),
      'person.reveal',
      { regionPath: `${COMMUNITY}120101001001002/` },
      false,
    ],
    [
      'a district operator reads a case in a grid of the district',
      actor('centre_operator', HEPING),
      'case.read',
      { regionPath: GRID },
      true,
    ],
    [
      'a district operator does not read another district',
      actor('centre_operator', HEPING),
      'case.read',
      { regionPath: HEXI },
      false,
    ],
    [
      'a handler reads a case assigned to their unit anywhere',
      handler,
      'case.read',
      { regionPath: `${HEXI}x/`, unitId: 42 },
      true,
    ],
    [
      'a handler does not read another unit outside their jurisdiction',
      handler,
      'case.read',
      { regionPath: HEXI, unitId: 7 },
      false,
    ],
    ['a handler does not manage users', handler, 'user.manage', { regionPath: HEPING }, false],
    [
      'a district admin manages users in the district',
      actor('admin', HEPING),
      'user.manage',
      { regionPath: STREET },
      true,
    ],
    [
      'a district admin does not manage a city-wide post',
      actor('admin', HEPING),
      'user.manage',
      { regionPath: CITY },
      false,
    ],
    [
      'an auditor reads audit entries in scope',
      actor('auditor', CITY),
      'audit.read',
      { regionPath: GRID },
      true,
    ],
    [
      'a city auditor reads entries with no place',
      actor('auditor', CITY),
      'audit.read',
      { regionPath: null },
      true,
    ],
    [
      'a district auditor does not read entries with no place',
      actor('auditor', HEPING),
      'audit.read',
      { regionPath: null },
      false,
    ],
    [
      'an auditor does not reveal personal data',
      actor('auditor', CITY),
      'person.reveal',
      { regionPath: GRID },
      false,
    ],
    [
      'an admin does not reveal personal data',
      actor('admin', CITY),
      'person.reveal',
      { regionPath: GRID },
      false,
    ],
    [
      'a district admin reads the cases of the district (they manage their categories and users)',
      actor('admin', HEPING),
      'case.read',
      { regionPath: GRID },
      true,
    ],
    [
      'a district admin does not read cases of another district',
      actor('admin', HEPING),
      'case.read',
      { regionPath: HEXI },
      false,
    ],
    [
      'an auditor reads no cases (only the audit log)',
      actor('auditor', CITY),
      'case.read',
      { regionPath: GRID },
      false,
    ],
    ['a leader reads everything in scope', actor('leader', HEPING), 'case.read', { regionPath: GRID }, true],
    [
      'a leader does not read outside scope',
      actor('leader', HEPING),
      'case.read',
      { regionPath: HEXI },
      false,
    ],
    [
      'an inspector does not supervise',
      actor('inspector', HEPING),
      'case.supervise',
      { regionPath: GRID },
      false,
    ],
    [
      'a path prefix is not a sibling code prefix',
      actor('centre_operator', `${CITY}12010/`),
      'case.read',
      { regionPath: HEPING },
      false,
    ],
    [
      'nobody anonymous reads',
      ANONYMOUS as ReturnType<typeof actor>,
      'case.read',
      { regionPath: GRID },
      false,
    ],
  ])('%s', (_what, who, action, resource, expected) => {
    expect(can(who, action, resource)).toBe(expected);
  });
});

describe('scopeOf(actor, action)', () => {
  it('keeps only the posts whose role allows the action, outermost paths only', () => {
    const a = staffActor(
      { id: 1, username: 'x', displayName: 'x' },
      [
        { id: 1, role: 'grid_worker', unitId: null, regionCode: '120101001001001', regionPath: GRID },
        { id: 2, role: 'centre_operator', unitId: 5, regionCode: '120101001000', regionPath: STREET },
        { id: 3, role: 'auditor', unitId: null, regionCode: '120103000000', regionPath: HEXI },
      ],
      'session',
    );
    expect(scopeOf(a, 'case.read')).toEqual({ regionPaths: [STREET], unitIds: [5], citywide: false });
    expect(scopeOf(a, 'audit.read')).toEqual({ regionPaths: [HEXI], unitIds: [], citywide: false });
    expect(a.regionPaths).toEqual([HEXI, STREET]);
    expect(a.posts[0]?.gridCodes).toEqual(['120101001001001']);
  });
});
