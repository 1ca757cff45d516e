import { describe, expect, it } from 'vitest';
import { lockSeconds, passwordProblem } from './password-rules.ts';

describe('password rules', () => {
  it.each([
    ['Demo@2026', null],
    ['correct-Horse-battery', null],
    ['Ab1!', 'must be at least 8 characters'],
    ['alllowercase', 'must mix at least three of: lower case, upper case, digits, symbols'],
    ['lower123456', 'must mix at least three of: lower case, upper case, digits, symbols'],
    ['Lower123456', null],
    [`${'x'.repeat(120)}A1!aaaaaa`, 'must be at most 128 characters'],
  ])('%j → %j', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('refuses a password containing the user name', () => {
    expect(passwordProblem('Street_Op2026', 'street_op')).toBe('must not contain the user name');
  });
});

describe('lock-out back-off', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [12, 3600],
    [40, 3600],
  ])('after %i failures the account is locked for %i s', (failures, seconds) => {
    expect(lockSeconds(failures)).toBe(seconds);
  });
});
