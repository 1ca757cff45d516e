// The portal's map names districts, streets, communities and grids, each at the zoom where it can
// be read (issue 13, item 7): which regions a view draws and which children it still needs.
import { describe, expect, it } from 'vitest';
import { levelAtZoom, MAX_PARENTS, viewRegions } from '../../../web/src/components/map-levels.ts';
import type { BoundaryCollection } from '../../../web/src/components/map-style.ts';

const square = (code: string, level: string, x: number, y: number, s: number) => ({
  type: 'Feature' as const,
  properties: { code, name: `n${code}`, level },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ],
    ],
  },
});
const fc = (...features: ReturnType<typeof square>[]): BoundaryCollection => ({
  type: 'FeatureCollection',
  features,
});

// two districts side by side; the west one has two streets, its south street two communities
const city = fc(square('D1', 'district', 117, 39, 0.2), square('D2', 'district', 117.2, 39, 0.2));
const streets = fc(square('S1', 'street', 117, 39, 0.1), square('S2', 'street', 117.1, 39, 0.1));
const communities = fc(square('C1', 'community', 117, 39, 0.05), square('C2', 'community', 117.05, 39, 0.05));
const grids = fc(square('G1', 'grid', 117, 39, 0.01), square('G2', 'grid', 117.04, 39.04, 0.01));
const codes = (r: ReturnType<typeof viewRegions>) => r.shown?.features.map((f) => f.properties.code);

describe('what the map names at each zoom', () => {
  it.each([
    [9, 'district'],
    [11, 'street'],
    [13, 'street'],
    [14, 'community'],
    [15, 'grid'],
    [18, 'grid'],
  ])('zoom %s: %s', (zoom, level) => expect(levelAtZoom(zoom)).toBe(level));

  it('the whole city’s districts when zoomed out', () => {
    const r = viewRegions(city, new Map(), { box: [117.01, 39.01, 117.02, 39.02], zoom: 10 });
    expect(codes(r)).toEqual(['D1', 'D2']);
    expect(r.wanted).toEqual([]);
  });

  it('streets of the districts in view, fetching what it lacks and drawing the district meanwhile', () => {
    const view = { box: [117.01, 39.01, 117.15, 39.05] as [number, number, number, number], zoom: 12 };
    const before = viewRegions(city, new Map(), view);
    expect(codes(before)).toEqual(['D1']);
    expect(before.wanted).toEqual([{ code: 'D1', level: 'street' }]);
    const after = viewRegions(city, new Map([['D1', streets]]), view);
    expect(codes(after)).toEqual(['S1', 'S2']);
    expect(after.wanted).toEqual([]);
  });

  it('goes down street by street to the grids in view', () => {
    const view = { box: [117.035, 39.035, 117.045, 39.045] as [number, number, number, number], zoom: 16 };
    const known = new Map([
      ['D1', streets],
      ['S1', communities],
    ]);
    const r = viewRegions(city, known, view);
    expect(codes(r)).toEqual(['C1']);
    expect(r.wanted).toEqual([{ code: 'C1', level: 'grid' }]);
    known.set('C1', grids);
    expect(codes(viewRegions(city, known, view))).toEqual(['G2']);
  });

  it(`fetches the children of at most ${MAX_PARENTS} regions for one view`, () => {
    const many = fc(
      ...Array.from({ length: 30 }, (_, i) => square(`D${i}`, 'district', 117 + i * 0.01, 39, 0.01)),
    );
    const r = viewRegions(many, new Map(), { box: [117, 39, 118, 40], zoom: 12 });
    expect(r.wanted).toHaveLength(MAX_PARENTS);
  });
});
