import { describe, expect, it } from 'vitest';
import { maySkipLevel } from './routing.ts';

describe('skip-level escalation', () => {
  it.each([
    ['incident', 'normal', true],
    ['request', 'urgent', true],
    ['hazard', 'high', false],
    ['dispute', 'normal', false],
    ['tip', 'low', false],
  ] as const)('%s at %s priority may skip: %s', (kind, priority, allowed) => {
    expect(maySkipLevel({ kind, priority })).toBe(allowed);
  });
});
