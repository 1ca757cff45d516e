import { describe, expect, it } from 'vitest';
import { defaultRule, defaultSkip, maySkip, ROUTING_LEVELS } from './routing.ts';

describe('skip-level escalation', () => {
  it.each([
    ['incident', 'normal', true],
    ['request', 'urgent', true],
    ['hazard', 'high', false],
    ['dispute', 'normal', false],
    ['tip', 'low', false],
  ] as const)('%s at %s priority may skip by default: %s', (kind, priority, allowed) => {
    expect(maySkip(defaultSkip(kind), priority)).toBe(allowed);
  });

  it.each([
    ['never', 'urgent', false],
    ['never', 'normal', false],
    ['urgent', 'urgent', true],
    ['urgent', 'high', false],
    ['always', 'low', true],
  ] as const)('a %s rule at %s priority may skip: %s', (rule, priority, allowed) => {
    expect(maySkip(rule, priority)).toBe(allowed);
  });
});

describe('default rules', () => {
  it('are the category’s responsible unit type at every level, the nearest centre as fallback', () => {
    const category = { code: 'request.road', kind: 'request' as const, responsible_unit_type: 'urban' };
    for (const level of ROUTING_LEVELS)
      expect(defaultRule(category, level)).toMatchObject({
        level,
        unitType: 'urban',
        fallbackUnitType: 'centre',
        skipEscalation: 'urgent',
      });
  });
});
