import { describe, expect, it } from 'vitest';
import { bboxOf, containsPoint, type MultiPolygonCoords, planarArea, type Ring } from './geometry.ts';
import { partition } from './partition.ts';
import { randomFor } from './random.ts';

const box = (x1: number, y1: number, x2: number, y2: number): Ring => [
  [x1, y1],
  [x2, y1],
  [x2, y2],
  [x1, y2],
  [x1, y1],
];
const squareWithHole: MultiPolygonCoords = [[box(0, 0, 4, 4), box(1, 1, 2, 2)]];
const twoSquares: MultiPolygonCoords = [[box(0, 0, 1, 1)], [box(2, 0, 3, 1)]];

describe('planar geometry', () => {
  it.each([
    ['a square with a hole', squareWithHole, 15],
    ['two squares', twoSquares, 2],
    ['nothing', [], 0],
  ])('area of %s is %f', (_, polygons, area) => {
    expect(planarArea(polygons as MultiPolygonCoords)).toBe(area);
  });

  it.each([
    ['inside', 3, 3, true],
    ['in the hole', 1.5, 1.5, false],
    ['on the left edge (the polygon is to the right)', 0, 2, true],
    ['on the right edge', 4, 2, false],
    ['on the bottom edge (the polygon is above)', 2, 0, true],
    ['on the top edge', 2, 4, false],
    ['outside', 5, 5, false],
  ])('a point %s of the square with a hole: %s', (_, lon, lat, inside) => {
    expect(containsPoint(squareWithHole, lon, lat)).toBe(inside);
  });

  it('bounds every polygon of a MultiPolygon', () => {
    expect(bboxOf(twoSquares)).toEqual({ minLon: 0, minLat: 0, maxLon: 3, maxLat: 1 });
    expect(bboxOf([])).toBeNull();
  });
});

describe('partition', () => {
  it.each([1, 2, 7, 40])(
    'splits an L-shaped region into %i non-empty parts of the same total area',
    (count) => {
      const shape: MultiPolygonCoords = [
        [
          [
            [0, 0],
            [2, 0],
            [2, 1],
            [1, 1],
            [1, 2],
            [0, 2],
            [0, 0],
          ],
        ],
      ];
      const parts = partition(shape, count, randomFor('test', `L${count}`));
      expect(parts).toHaveLength(count);
      for (const part of parts) expect(planarArea(part)).toBeGreaterThan(0);
      expect(parts.reduce((a, p) => a + planarArea(p), 0)).toBeCloseTo(3, 12);
    },
  );

  it('gives the same parts for the same seed and others for another', () => {
    const square: MultiPolygonCoords = [[box(0, 0, 1, 1)]];
    const first = partition(square, 5, randomFor('a', 'x'));
    expect(partition(square, 5, randomFor('a', 'x'))).toEqual(first);
    expect(partition(square, 5, randomFor('b', 'x'))).not.toEqual(first);
  });
});
