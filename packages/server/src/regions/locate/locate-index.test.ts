import { describe, expect, it } from 'vitest';
import { containsPoint, type MultiPolygonCoords, type Ring } from '../geo/geometry.ts';
import { partition } from '../geo/partition.ts';
import { randomFor } from '../geo/random.ts';
import type { GeoJsonGeometry } from '../tables.ts';
import { type LocateEntry, LocateIndex } from './locate-index.ts';

const box = (x1: number, y1: number, x2: number, y2: number): Ring => [
  [x1, y1],
  [x2, y1],
  [x2, y2],
  [x1, y2],
  [x1, y1],
];
const polygon = (...rings: Ring[]): GeoJsonGeometry => ({ type: 'Polygon', coordinates: rings });

// A1 | B1 side by side, C1 on top of both with two holes (one filled by H1), D1 two squares apart.
const squareB1 = polygon(box(1, 0, 2, 1));
const city: LocateEntry[] = [
  { code: 'A1', geometry: polygon(box(0, 0, 1, 1)) },
  { code: 'B1', geometry: squareB1 },
  {
    code: 'C1',
    geometry: polygon(box(0, 1, 2, 2), box(0.25, 1.25, 0.75, 1.75), box(1.25, 1.25, 1.75, 1.75)),
  },
  { code: 'H1', geometry: polygon(box(0.25, 1.25, 0.75, 1.75)) },
  { code: 'D1', geometry: { type: 'MultiPolygon', coordinates: [[box(3, 0, 4, 1)], [box(5, 0, 6, 1)]] } },
];

describe('LocateIndex.locate', () => {
  const index = LocateIndex.build(city);
  it.each([
    ['inside A1', 0.5, 0.5, 'A1'],
    ['inside B1', 1.5, 0.5, 'B1'],
    ['on the shared edge A1|B1: the grid to the right', 1, 0.5, 'B1'],
    ['on the shared edge A1/C1: the grid above', 0.5, 1, 'C1'],
    ['on the vertex shared by A1, B1, C1: above and right', 1, 1, 'C1'],
    ['on the outer left edge of A1', 0, 0.5, 'A1'],
    ['on the outer bottom edge of A1', 0.5, 0, 'A1'],
    ['on the outer right edge of B1: outside', 2, 0.5, null],
    ['on the outer top edge of C1: outside', 0.5, 2, null],
    ['in the hole of C1 that H1 fills', 0.5, 1.5, 'H1'],
    ['on the left edge of that hole: H1 is to the right', 0.25, 1.5, 'H1'],
    ['on the right edge of that hole: C1 is to the right', 0.75, 1.5, 'C1'],
    ['in the empty hole of C1', 1.5, 1.5, null],
    ['in the first part of MultiPolygon D1', 3.5, 0.5, 'D1'],
    ['in the second part of D1', 5.5, 0.5, 'D1'],
    ['between the parts of D1', 4.5, 0.5, null],
    ['far outside every grid', 100, 100, null],
    ['below and left of every grid', -1, -1, null],
    ['not a number', Number.NaN, 0.5, null],
  ])('%s (%f, %f) → %s', (_, lon, lat, code) => {
    expect(index.locate(lon, lat)).toBe(code);
    expect(index.locate(lon, lat)).toBe(code);
  });

  it('counts its grids', () => {
    expect(index.size).toBe(5);
  });

  it('gives overlapping grids’ common area to the smallest code', () => {
    const overlapping = LocateIndex.build([
      { code: 'Z9', geometry: polygon(box(0, 0, 2, 2)) },
      { code: 'A0', geometry: polygon(box(1, 1, 3, 3)) },
    ]);
    expect([
      overlapping.locate(1.5, 1.5),
      overlapping.locate(0.5, 0.5),
      overlapping.locate(2.5, 2.5),
    ]).toEqual(['A0', 'Z9', 'A0']);
  });

  it('resolves every vertex of a Voronoi tiling to exactly the one part that owns it', () => {
    const square: MultiPolygonCoords = [[box(117, 39, 117.1, 39.1)]];
    const parts = partition(square, 60, randomFor('test', 'tiling'));
    const tiles = LocateIndex.build(
      parts.map((p, i) => ({
        code: `G${String(i).padStart(3, '0')}`,
        geometry: { type: 'MultiPolygon', coordinates: p },
      })),
    );
    let checked = 0;
    for (const part of parts) {
      for (const [lon, lat] of part[0]?.[0] ?? []) {
        const owners = parts.flatMap((p, i) =>
          containsPoint(p, lon, lat) ? [`G${String(i).padStart(3, '0')}`] : [],
        );
        if (lon < 117.1 && lat < 39.1) expect(owners).toHaveLength(1);
        expect(tiles.locate(lon, lat)).toBe(owners[0] ?? null);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('LocateIndex changes', () => {
  it.each([
    ['remove A1: its area is empty', (i: LocateIndex) => i.remove('A1'), 0.5, 0.5, null, 4],
    ['remove an unknown code: nothing changes', (i: LocateIndex) => i.remove('XX'), 0.5, 0.5, 'A1', 5],
    [
      'move A1 elsewhere: found there, not here',
      (i: LocateIndex) => i.upsert('A1', polygon(box(10, 10, 11, 11))),
      10.5,
      10.5,
      'A1',
      5,
    ],
    [
      'move A1 elsewhere: its old area is empty',
      (i: LocateIndex) => i.upsert('A1', polygon(box(10, 10, 11, 11))),
      0.5,
      0.5,
      null,
      5,
    ],
    ['add a new grid', (i: LocateIndex) => i.upsert('E1', polygon(box(7, 0, 8, 1))), 7.5, 0.5, 'E1', 6],
    [
      'add a grid over B1 with a smaller code: it wins',
      (i: LocateIndex) => i.upsert('A0', polygon(box(1, 0, 2, 1))),
      1.5,
      0.5,
      'A0',
      6,
    ],
    [
      'add a grid over B1 with a larger code: B1 keeps it',
      (i: LocateIndex) => i.upsert('Z0', polygon(box(1, 0, 2, 1))),
      1.5,
      0.5,
      'B1',
      6,
    ],
    [
      'remove then add back',
      (i: LocateIndex) => {
        i.remove('B1');
        i.upsert('B1', squareB1);
      },
      1.5,
      0.5,
      'B1',
      5,
    ],
  ])('%s', (_, change, lon, lat, code, size) => {
    const index = LocateIndex.build(city);
    change(index);
    expect(index.locate(lon, lat)).toBe(code);
    expect(index.size).toBe(size);
  });

  it('stays right after many changes (the raster is rebuilt along the way)', () => {
    const index = LocateIndex.build(city);
    for (let i = 0; i < 200; i++)
      index.upsert(`R${String(i).padStart(3, '0')}`, polygon(box(i, 10, i + 1, 11)));
    for (let i = 0; i < 200; i += 2) index.remove(`R${String(i).padStart(3, '0')}`);
    expect(index.size).toBe(105);
    expect([
      index.locate(0.5, 0.5),
      index.locate(10.5, 10.5),
      index.locate(11.5, 10.5),
      index.locate(12, 10.5),
    ]).toEqual(['A1', null, 'R011', null]);
  });
});
