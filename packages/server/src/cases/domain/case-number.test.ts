import { describe, expect, it } from 'vitest';
import { formatCaseNumber, isCaseNumber, localYear } from './case-number.ts';

describe('case numbers', () => {
  it.each([
    ['120101', 2026, 1, '120101-2026-000001'],
    ['120103', 2026, 123, '120103-2026-000123'],
    ['120101', 2027, 1234567, '120101-2027-1234567'],
  ] as const)('%s/%i/%i → %s', (district, year, seq, number) => {
    expect(formatCaseNumber(district, year, seq)).toBe(number);
    expect(isCaseNumber(number)).toBe(true);
  });

  it.each([
    ['12010', 1],
    ['120101', 0],
    ['120101', 1.5],
  ] as const)('refuses district %s with sequence %s', (district, seq) => {
    expect(() => formatCaseNumber(district, 2026, seq)).toThrow(RangeError);
  });

  it.each([
    ['2026-12-31T15:59:59Z', 2026],
    ['2026-12-31T16:00:00Z', 2027], // midnight in Tianjin
    ['2027-01-01T00:00:00+08:00', 2027],
  ])('%s falls in %i in China Standard Time', (at, year) => {
    expect(localYear(new Date(at))).toBe(year);
  });

  it('tells numbers from ids', () => {
    expect(isCaseNumber('42')).toBe(false);
  });
});
