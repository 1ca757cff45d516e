import { describe, expect, it } from 'vitest';
import { rankMediators } from './suggestions.ts';

const STREET = 'c/d/s/';
const dispute = { type: 'neighbour', regionPath: `${STREET}co/g/` };
const orgs = [
  { id: 1, name: 'community committee', type: 'people_community', regionPath: `${STREET}co/`, kinds: [] },
  {
    id: 2,
    name: 'street committee',
    type: 'people_street',
    regionPath: STREET,
    kinds: ['neighbour', 'family'],
  },
  { id: 3, name: 'medical committee', type: 'industry', regionPath: 'c/d/', kinds: ['medical'] },
  { id: 4, name: 'another street', type: 'people_street', regionPath: 'c/d/t/', kinds: [] },
];
const m = (id: number, orgId: number, specialties: string[], caseload: number, conflicted = false) => ({
  id,
  orgId,
  name: `m${id}`,
  specialties,
  caseload,
  conflicted,
});

describe('mediator suggestions', () => {
  it('ranks specialists, then the closest area, then the lightest load; conflicted last and not assignable', () => {
    const ranked = rankMediators(dispute, orgs, [
      m(1, 1, [], 0),
      m(2, 2, ['neighbour'], 5),
      m(3, 2, ['neighbour'], 1),
      m(4, 1, ['neighbour'], 9, true),
      m(5, 3, ['medical'], 0),
      m(6, 4, ['neighbour'], 0),
      m(7, 1, [], 3),
    ]);
    expect(ranked.map((s) => [s.id, s.assignable])).toEqual([
      [3, true],
      [2, true],
      [1, true],
      [7, true],
      [4, false],
    ]);
  });
});
