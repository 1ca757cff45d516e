import polygonClipping from 'polygon-clipping';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { bboxOf, type MultiPolygonCoords, planarArea, toMultiPolygon } from '../geo/geometry.ts';
import type { GeoJsonGeometry, RegionLevel } from '../tables.ts';

interface Stored {
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name: string;
  path: string;
  grid_kind: string | null;
  dedicated_type: string | null;
  households: number | null;
  polygons: MultiPolygonCoords;
}

/** Children's areas may differ from their parent's by this share (floating-point noise only). */
const TOLERANCE = 1e-8;

let database: Database;
let regions: Stored[];
const children = new Map<string, Stored[]>();

beforeAll(async () => {
  database = await openTestDatabase();
  const rows = await database.db
    .selectFrom('region')
    .select([
      'code',
      'parent_code',
      'level',
      'name',
      'path',
      'grid_kind',
      'dedicated_type',
      'households',
      'boundary',
    ])
    .where('code', 'like', '12%')
    .execute();
  regions = rows.map((r) => ({
    ...r,
    polygons: r.boundary ? toMultiPolygon(r.boundary as GeoJsonGeometry) : [],
  }));
  for (const r of regions) {
    if (!r.parent_code) continue;
    children.set(r.parent_code, [...(children.get(r.parent_code) ?? []), r]);
  }
});

afterAll(async () => {
  await database.close();
});

describe('the seeded Tianjin demo city', () => {
  it('holds the real tree and about 15,000 grids', () => {
    const count = (level: RegionLevel) => regions.filter((r) => r.level === level).length;
    expect([count('city'), count('district'), count('street'), count('community')]).toEqual([
      1, 16, 299, 5617,
    ]);
    expect(count('grid')).toBeGreaterThan(14_000);
    expect(count('grid')).toBeLessThan(16_500);
    expect(regions.find((r) => r.code === '120103000000')?.name).toBe('河西区');
  });

  it('puts every grid in a community, coded community + 3 digits and named 第N网格', () => {
    const byCode = new Map(regions.map((r) => [r.code, r]));
    for (const grid of regions.filter((r) => r.level === 'grid')) {
      const parent = byCode.get(grid.parent_code ?? '');
      expect(parent?.level).toBe('community');
      expect(grid.code).toMatch(new RegExp(`^${parent?.code}\\d{3}$`));
      expect(grid.path).toBe(`${parent?.path}${grid.code}/`);
      expect(grid.name).toMatch(/^第\d+网格/);
    }
  });

  it('gives every district a few dedicated grids for schools and hospitals', () => {
    for (const district of regions.filter((r) => r.level === 'district')) {
      const dedicated = regions.filter(
        (r) => r.grid_kind === 'dedicated' && r.path.startsWith(district.path),
      );
      expect(dedicated.map((d) => d.dedicated_type).sort()).toEqual(['hospital', 'school', 'school']);
    }
  });

  it('adds up households from grids to the city, about 300–400 per basic grid', () => {
    for (const parent of regions.filter((r) => r.level !== 'grid')) {
      const sum = (children.get(parent.code) ?? []).reduce((n, c) => n + (c.households ?? 0), 0);
      expect(parent.households, parent.code).toBe(sum);
    }
    const basic = regions.filter((r) => r.grid_kind === 'basic');
    const average = basic.reduce((n, g) => n + (g.households ?? 0), 0) / basic.length;
    expect(average).toBeGreaterThan(250);
    expect(average).toBeLessThan(450);
  });

  it('tiles every parent with its children: no gaps, no overlaps, nothing outside', () => {
    const failures: string[] = [];
    for (const parent of regions.filter((r) => r.level !== 'grid')) {
      const parts = (children.get(parent.code) ?? []).map((c) => ({
        code: c.code,
        polygons: c.polygons,
        box: bboxOf(c.polygons),
      }));
      const parentArea = planarArea(parent.polygons);
      const check = (what: string, area: number) => {
        if (!(Math.abs(area) <= TOLERANCE * parentArea))
          failures.push(`${parent.code} ${what}: ${area / parentArea}`);
      };
      let sum = 0;
      parts.forEach((a, i) => {
        sum += planarArea(a.polygons);
        check(
          `${a.code} outside`,
          planarArea(polygonClipping.difference(a.polygons, parent.polygons) as MultiPolygonCoords),
        );
        for (const b of parts.slice(i + 1)) {
          if (!a.box || !b.box || a.box.maxLon < b.box.minLon || b.box.maxLon < a.box.minLon) continue;
          if (a.box.maxLat < b.box.minLat || b.box.maxLat < a.box.minLat) continue;
          const overlap = polygonClipping.intersection(a.polygons, b.polygons) as MultiPolygonCoords;
          check(`${a.code}×${b.code} overlap`, planarArea(overlap));
        }
      });
      // Children inside the parent and not overlapping: what their areas miss is a gap.
      check('gaps', parentArea - sum);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
