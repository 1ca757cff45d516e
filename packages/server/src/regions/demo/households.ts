import { type Random, randomInt } from '../geo/random.ts';
import type { DedicatedType } from '../tables.ts';

/** Households a basic grid is drawn around (the national guideline is about 300). */
export const HOUSEHOLDS_PER_GRID = 350;

/** The kind of place a community code names: the 3-digit village segment tells them apart. */
export type CommunityKind = 'urban' | 'village' | 'other';

export function communityKind(code: string): CommunityKind {
  const segment = Number(code.slice(9, 12));
  if (segment < 200) return 'urban';
  if (segment < 400) return 'village';
  return 'other';
}

/** A plausible household count: urban communities are large, villages small. */
export function communityHouseholds(kind: CommunityKind, random: Random): number {
  if (kind === 'urban') return randomInt(random, 800, 2600);
  if (kind === 'village') return randomInt(random, 150, 900);
  return randomInt(random, 300, 1500);
}

/** Split a community's households into basic grids of about HOUSEHOLDS_PER_GRID each. */
export function gridHouseholds(households: number, random: Random): number[] {
  const grids = Math.max(1, Math.round(households / HOUSEHOLDS_PER_GRID));
  const weights = Array.from({ length: grids }, () => 0.8 + 0.4 * random());
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((households * w) / total));
  const rest = households - shares.reduce((a, b) => a + b, 0);
  shares[0] = (shares[0] as number) + rest;
  return shares;
}

/** Residents of some households (Tianjin's average household is a little over 2.5 people). */
export function populationOf(households: number, random: Random): number {
  return Math.round(households * (2.3 + 0.6 * random()));
}

/** The dedicated grids (专属网格) each district gets, carved out of some of its urban communities. */
export const DEDICATED_PER_DISTRICT: { type: DedicatedType; label: string }[] = [
  { type: 'school', label: '学校' },
  { type: 'school', label: '学校' },
  { type: 'hospital', label: '医院' },
];
