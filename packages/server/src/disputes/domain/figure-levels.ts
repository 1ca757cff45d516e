import type { Contribution, OrgKey } from './figures.ts';

/** The type of the rows counting every type, and the organisation of those counting every one. */
export const ALL_TYPES = '*';
export const ALL_ORGS = -1;

export type FigureLevel = 'city' | 'district' | 'street';

/** A row of `dispute_figure_rollup` (migration 0401): a region level, its month and key. */
export interface LevelKey {
  city_code: string;
  level: FigureLevel;
  region_code: string;
  parent_code: string | null;
  month: string;
  type: string;
  org_id: number;
}

export const levelKeyId = (k: LevelKey) => `${k.city_code}|${k.region_code}|${k.type}|${k.org_id}|${k.month}`;

/**
 * What organisation contributions (month × street × type × organisation) add to the level rows:
 * each counts for its street, district and city, in the totals row, its type's and its
 * organisation's — so the region's figures are a sum over one row per month and key.
 */
export function levelContributions(cityCode: string, cs: Contribution<OrgKey>[]): Contribution<LevelKey>[] {
  const out: Contribution<LevelKey>[] = [];
  for (const c of cs) {
    const places: [FigureLevel, string, string | null][] = [
      ['city', cityCode, null],
      ['district', c.key.district_code, cityCode],
      ['street', c.key.street_code, c.key.district_code],
    ];
    const keys: [string, number][] = [
      [ALL_TYPES, ALL_ORGS],
      [c.key.type, ALL_ORGS],
      [ALL_TYPES, c.key.org_id],
    ];
    for (const [level, region_code, parent_code] of places)
      for (const [type, org_id] of keys)
        out.push({
          key: { city_code: cityCode, level, region_code, parent_code, month: c.key.month, type, org_id },
          values: c.values,
        });
  }
  return out;
}
