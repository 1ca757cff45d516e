import { describe, expect, it } from 'vitest';
import { isGroupDispute, type PriorityFacts, priorityOf } from './dispute-facts.ts';

describe('dispute priority', () => {
  const cases: [PriorityFacts, string][] = [
    [{ risk: 'low', peopleInvolved: 2, signals: [] }, 'low'],
    [{ risk: 'medium', peopleInvolved: 2, signals: [] }, 'normal'],
    [{ risk: 'high', peopleInvolved: 2, signals: [] }, 'high'],
    [{ risk: 'low', peopleInvolved: 4, signals: [] }, 'low'],
    [{ risk: 'low', peopleInvolved: 5, signals: [] }, 'high'],
    [{ risk: 'low', peopleInvolved: 2, signals: ['repeated_conflict'] }, 'high'],
    [{ risk: 'low', peopleInvolved: 2, signals: ['extreme_emotion'] }, 'high'],
    [{ risk: 'low', peopleInvolved: 2, signals: ['threats'] }, 'urgent'],
    [{ risk: 'medium', peopleInvolved: 30, signals: ['repeated_conflict', 'weapons'] }, 'urgent'],
  ];
  it.each(cases)('%o → %s', (facts, expected) => expect(priorityOf(facts)).toBe(expected));

  it.each([
    [2, false],
    [4, false],
    [5, true],
    [120, true],
  ])('%i people involved: group dispute %s', (n, group) => expect(isGroupDispute(n)).toBe(group));
});
