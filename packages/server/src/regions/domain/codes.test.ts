import { describe, expect, it } from 'vitest';
import type { RegionLevel } from '../tables.ts';
import { codeProblem, levelOfCode, parentProblem, significantPrefix, townshipKind } from './codes.ts';

describe('codeProblem', () => {
  const valid: [string, RegionLevel][] = [
    ['120000000000', 'city'],
    ['320100000000', 'city'],
    ['120101000000', 'district'],
    ['120101001000', 'street'],
    ['120116400000', 'street'],
    ['120101001001', 'community'],
    ['120101001001001', 'grid'],
  ];
  it.each(valid)('accepts %s as a %s', (code, level) => {
    expect(codeProblem(code, level, 3)).toBeNull();
  });

  const invalid: [string, RegionLevel, RegExp][] = [
    ['12010100100A', 'community', /digits only/],
    ['12010100100', 'community', /12 digits, this one has 11/],
    ['120101001001', 'grid', /15 digits/],
    ['990101001001', 'community', /province segment 99/],
    ['120101000000', 'street', /denote a district/],
    ['120101001000', 'community', /denote a street/],
    ['120101001001', 'district', /denote a community/],
    ['120000000000', 'district', /denote a city/],
    ['120101001000', 'city', /denote a street/],
    ['120100001000', 'street', /county segment/],
    ['120101000001', 'community', /county .* and township/],
    ['120101001000001', 'grid', /village segment/],
    ['120101001001000', 'grid', /must not be all zeros/],
    [' 120101001001', 'community', /digits only/],
  ];
  it.each(invalid)('refuses %s as a %s', (code, level, message) => {
    expect(codeProblem(code, level, 3)).toMatch(message);
  });

  it('takes the grid sequence width from the setting', () => {
    expect(codeProblem('12010100100100001', 'grid', 5)).toBeNull();
    expect(codeProblem('120101001001001', 'grid', 5)).toMatch(/17 digits/);
  });
});

describe('levelOfCode', () => {
  it.each([
    ['120000000000', 'city'],
    ['120103000000', 'district'],
    ['120103001000', 'street'],
    ['120103001002', 'community'],
    ['120103001002003', 'grid'],
    ['1201', null],
    ['abc', null],
  ])('%s is a %s', (code, level) => {
    expect(levelOfCode(code, 3)).toBe(level);
  });
});

describe('parentProblem', () => {
  const city = { code: '120000000000', level: 'city' as const };
  const heping = { code: '120101000000', level: 'district' as const };
  const street = { code: '120101001000', level: 'street' as const };
  const community = { code: '120101001001', level: 'community' as const };

  it.each([
    ['district under the municipality', { code: '120101000000', level: 'district' as const }, city],
    ['street under its district', { code: '120101002000', level: 'street' as const }, heping],
    ['community under its street', { code: '120101001005', level: 'community' as const }, street],
    ['grid under its community', { code: '120101001001007', level: 'grid' as const }, community],
    ['city as a root', city, null],
  ])('accepts a %s', (_name, child, parent) => {
    expect(parentProblem(child, parent)).toBeNull();
  });

  it.each([
    [
      'a street under a city',
      { code: '120101001000', level: 'street' as const },
      city,
      'parentCode',
      /must be a district/,
    ],
    [
      'a grid under a street',
      { code: '120101001001001', level: 'grid' as const },
      street,
      'parentCode',
      /must be a community/,
    ],
    ['a district without parent', heping, null, 'parentCode', /needs a parent city/],
    ['a city under a city', city, city, 'parentCode', /root region/],
    [
      'a district of another province',
      { code: '130101000000', level: 'district' as const },
      city,
      'code',
      /start with 12\)$/,
    ],
    [
      'a street of another district',
      { code: '120102001000', level: 'street' as const },
      heping,
      'code',
      /start with 120101\)$/,
    ],
    [
      'a grid of another community',
      { code: '120101001002001', level: 'grid' as const },
      community,
      'code',
      /120101001001/,
    ],
  ])('refuses %s', (_name, child, parent, field, message) => {
    const problem = parentProblem(child, parent);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(message);
  });
});

describe('significantPrefix and townshipKind', () => {
  it.each([
    ['120000000000', 'city', '12'],
    ['320100000000', 'city', '3201'],
    ['120101000000', 'district', '120101'],
    ['120101001000', 'street', '120101001'],
  ] as const)('%s (%s) shares %s with its descendants', (code, level, prefix) => {
    expect(significantPrefix(code, level)).toBe(prefix);
  });

  it.each([
    ['120101001000', 'street'],
    ['120221100000', 'town'],
    ['120221200000', 'township'],
    ['120116400000', 'other'],
  ])('%s is a %s', (code, kind) => {
    expect(townshipKind(code)).toBe(kind);
  });
});
