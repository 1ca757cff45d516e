import type { RegionLevel } from '../tables.ts';

/**
 * Region codes (DESIGN.md): above the grid, the 12-digit statistical division code —
 * 2 digits province, 2 prefecture, 2 county (GB/T 2260), 3 township, 3 village/community.
 * A grid's code is its community's code plus a sequence of `gridCodeWidth` digits.
 */
export const LEVELS: readonly RegionLevel[] = ['city', 'district', 'street', 'community', 'grid'];

/** GB/T 2260 province-level codes (the first two digits of every division code). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function depthOf(level: RegionLevel): number {
  return LEVELS.indexOf(level);
}

export function levelAbove(level: RegionLevel): RegionLevel | null {
  return LEVELS[depthOf(level) - 1] ?? null;
}

export function levelBelow(level: RegionLevel): RegionLevel | null {
  return LEVELS[depthOf(level) + 1] ?? null;
}

export function isLevel(value: unknown): value is RegionLevel {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

interface Segments {
  province: string;
  prefecture: string;
  county: string;
  township: string;
  village: string;
  sequence: string;
}

function segmentsOf(code: string): Segments {
  return {
    province: code.slice(0, 2),
    prefecture: code.slice(2, 4),
    county: code.slice(4, 6),
    township: code.slice(6, 9),
    village: code.slice(9, 12),
    sequence: code.slice(12),
  };
}

const zero = (s: string) => /^0+$/.test(s);

/** The level a well-formed code denotes, or null when it is not a region code at all. */
export function levelOfCode(code: string, gridCodeWidth: number): RegionLevel | null {
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 12 + gridCodeWidth) return 'grid';
  if (code.length !== 12) return null;
  const s = segmentsOf(code);
  if (!zero(s.village)) return 'community';
  if (!zero(s.township)) return 'street';
  if (!zero(s.county)) return 'district';
  return 'city';
}

/** Why `code` is not a valid code of `level`, or null when it is. */
export function codeProblem(code: string, level: RegionLevel, gridCodeWidth: number): string | null {
  const length = level === 'grid' ? 12 + gridCodeWidth : 12;
  if (!/^\d+$/.test(code)) return 'must contain digits only';
  if (code.length !== length) return `a ${level} code has ${length} digits, this one has ${code.length}`;
  const s = segmentsOf(code);
  if (!PROVINCES.has(s.province))
    return `province segment ${s.province} (digits 1–2) is not a GB/T 2260 province code`;
  const actual = levelOfCode(code, gridCodeWidth);
  if (level === 'grid') {
    if (zero(s.village))
      return 'a grid code starts with its community code (village segment, digits 10–12, not 000)';
    if (zero(s.township))
      return 'a grid code starts with its community code (township segment, digits 7–9, not 000)';
    if (zero(s.county))
      return 'a grid code starts with its community code (county segment, digits 5–6, not 00)';
    if (zero(s.sequence)) return `grid sequence (digits 13–${length}) must not be all zeros`;
    return null;
  }
  if (level === 'community' && (zero(s.township) || zero(s.county)))
    return 'a community code has non-zero county (digits 5–6) and township (digits 7–9) segments';
  if (level === 'street' && zero(s.county)) return 'a street code has a non-zero county segment (digits 5–6)';
  if (actual !== level) return `segments denote a ${actual} code (${describe(actual)}), not a ${level}`;
  return null;
}

function describe(level: RegionLevel | null): string {
  switch (level) {
    case 'city':
      return 'county, township and village segments are zero';
    case 'district':
      return 'non-zero county segment, zero township and village';
    case 'street':
      return 'non-zero township segment, zero village';
    case 'community':
      return 'non-zero village segment';
    default:
      return 'unrecognised';
  }
}

/**
 * The leading digits every descendant's code shares: the code without its trailing zero
 * segments (a municipality such as Tianjin, 120000000000, keeps only its province: `12`).
 */
export function significantPrefix(code: string, level: RegionLevel): string {
  const s = segmentsOf(code);
  switch (level) {
    case 'city':
      return zero(s.prefecture) ? s.province : code.slice(0, 4);
    case 'district':
      return code.slice(0, 6);
    case 'street':
      return code.slice(0, 9);
    default:
      return code;
  }
}

/** Township segment classes: 001–099 streets, 100–199 towns, 200–399 townships, above: other areas. */
export function townshipKind(code: string): 'street' | 'town' | 'township' | 'other' {
  const n = Number(code.slice(6, 9));
  if (n < 100) return 'street';
  if (n < 200) return 'town';
  if (n < 400) return 'township';
  return 'other';
}

export interface Placement {
  code: string;
  level: RegionLevel;
}

/** Which field is wrong, and why, when `child` may not sit under `parent` (null: a root). */
export function parentProblem(
  child: Placement,
  parent: Placement | null,
): { field: 'parentCode' | 'code'; message: string } | null {
  const wanted = levelAbove(child.level);
  if (!parent) {
    return wanted ? { field: 'parentCode', message: `a ${child.level} needs a parent ${wanted}` } : null;
  }
  if (!wanted) return { field: 'parentCode', message: 'a city is a root region and has no parent' };
  if (parent.level !== wanted)
    return {
      field: 'parentCode',
      message: `the parent of a ${child.level} must be a ${wanted}; ${parent.code} is a ${parent.level}`,
    };
  const prefix = significantPrefix(parent.code, parent.level);
  if (!child.code.startsWith(prefix) || child.code === parent.code)
    return {
      field: 'code',
      message: `must extend its parent's code ${parent.code} (start with ${prefix})`,
    };
  return null;
}
