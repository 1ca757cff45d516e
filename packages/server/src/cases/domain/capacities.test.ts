import { describe, expect, it } from 'vitest';
import type { Actor, Post, Role } from '../../identity/index.ts';
import { type CaseFacts, capacitiesOf } from './capacities.ts';

const GRID_PATH = '120000000000/120101000000/120101001000/120101001001/120101001001001/';
const CASE: CaseFacts = {
  regionPath: GRID_PATH,
  gridCode: '120101001001001',
  currentUnitId: 30,
  currentUnitIsCentre: true,
  centreUnitId: 30,
  reporterUserId: 7,
  openSummonsUnitIds: [41, 42],
};

const post = (
  role: Role,
  unitId: number | null,
  regionPath: string | null,
  gridCodes: string[] = [],
): Post => ({
  id: 1,
  role,
  unitId,
  regionCode: null,
  regionPath,
  gridCodes,
});
const staff = (userId: number, ...posts: Post[]): Actor => ({
  kind: 'staff',
  userId,
  username: `u${userId}`,
  displayName: '',
  posts,
  roles: [...new Set(posts.map((p) => p.role))],
  regionPaths: [],
  unitIds: posts.flatMap((p) => (p.unitId ? [p.unitId] : [])),
  via: 'session',
});
const resident = (userId: number): Actor => ({ ...staff(userId), kind: 'resident' });

describe('capacities of an actor on a case', () => {
  it.each([
    ['the reporting resident', resident(7), CASE, ['reporter']],
    ['another resident', resident(8), CASE, ['observer']],
    [
      'the grid worker who reported it',
      staff(7, post('grid_worker', null, GRID_PATH, [CASE.gridCode ?? ''])),
      CASE,
      ['reporter', 'grid_worker'],
    ],
    [
      'a grid worker of another grid',
      staff(9, post('grid_worker', null, `${GRID_PATH.slice(0, -4)}002/`)),
      CASE,
      ['observer'],
    ],
    [
      'the operator of the centre holding it',
      staff(10, post('centre_operator', 30, null)),
      CASE,
      ['centre', 'assignee', 'coordinator'],
    ],
    [
      'the operator once a department holds it',
      staff(10, post('centre_operator', 30, null)),
      { ...CASE, currentUnitId: 50, currentUnitIsCentre: false },
      ['coordinator'],
    ],
    [
      'the department handler holding it',
      staff(11, post('department_handler', 50, null)),
      { ...CASE, currentUnitId: 50, currentUnitIsCentre: false },
      ['assignee'],
    ],
    [
      'a handler of a summoned department',
      staff(12, post('department_handler', 41, null)),
      CASE,
      ['summoned'],
    ],
    [
      'a handler whose summons is done',
      staff(12, post('department_handler', 41, null)),
      { ...CASE, openSummonsUnitIds: [42] },
      ['observer'],
    ],
    ['a district leader', staff(13, post('leader', 20, '120000000000/120101000000/')), CASE, ['leader']],
    [
      'a leader of another district',
      staff(14, post('leader', 21, '120000000000/120103000000/')),
      CASE,
      ['observer'],
    ],
    ['a city administrator', staff(15, post('admin', 1, '120000000000/')), CASE, ['admin']],
    ['a leader at a department', staff(16, post('leader', 41, null)), CASE, ['observer']],
  ] as const)('%s', (_who, actor, facts, expected) => {
    expect(capacitiesOf(actor, facts)).toEqual(expected);
  });
});
