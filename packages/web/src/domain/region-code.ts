/**
 * The level of a region from its code (12-digit division code: 2 province, 2 prefecture,
 * 2 county, 3 township, 3 village; a grid's code is longer), and the level a map of it shows.
 */
export type Level = 'city' | 'district' | 'street' | 'community' | 'grid';

export function levelOfCode(code: string): Level {
  if (code.length > 12) return 'grid';
  if (code.endsWith('00000000')) return 'city';
  if (code.endsWith('000000')) return 'district';
  if (code.endsWith('000')) return 'street';
  return 'community';
}

const BELOW: Record<Level, Level> = {
  city: 'district',
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: 'grid',
};

/** The level a map of this region draws: its children, or the grid itself. */
export function mapLevelOfCode(code: string): Level {
  return BELOW[levelOfCode(code)];
}
