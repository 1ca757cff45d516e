import { describe, expect, it } from 'vitest';
import { offeredActions } from './offered-actions.ts';

const base = { pending_extension: null, current_unit_id: 2, centre_unit_id: 1, rating: null };

describe('actions offered on a case', () => {
  it.each([
    ['approve_extension', base, false],
    ['approve_extension', { ...base, pending_extension: { hours: 8 } }, true],
    ['deny_extension', base, false],
    ['deny_extension', { ...base, pending_extension: { hours: 8 } }, true],
    ['request_extension', base, true],
    ['request_extension', { ...base, pending_extension: { hours: 8 } }, false],
    ['recall', base, true],
    ['recall', { ...base, current_unit_id: 1 }, false],
    ['recall', { ...base, centre_unit_id: null }, false],
    ['rate', base, true],
    ['rate', { ...base, rating: 'satisfied' }, false],
    ['dispatch', base, true],
  ] as const)('%s with %j: offered %s', (action, facts, offered) => {
    expect(offeredActions([action], facts)).toEqual(offered ? [action] : []);
  });
});
