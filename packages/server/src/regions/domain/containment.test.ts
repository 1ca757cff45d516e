import { describe, expect, it } from 'vitest';
import type { GeoJsonGeometry } from '../tables.ts';
import { outsideProblem, shareOutside } from './containment.ts';

const square = (x: number, y: number, size: number): GeoJsonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

describe('a child boundary inside its parent', () => {
  const parent = square(0, 0, 1);
  it.each([
    ['wholly inside', square(0.2, 0.2, 0.5), 0],
    ['half outside', square(0.5, 0, 1), 0.5],
    ['wholly outside', square(2, 2, 0.5), 1],
  ])('%s', (_name, child, share) => {
    expect(shareOutside(child, parent)).toBeCloseTo(share, 6);
  });

  it('tolerates a sliver along a shared edge, refuses more, naming the parent', () => {
    expect(outsideProblem(square(0.01, 0, 1), parent, 'P')).toBeNull();
    expect(outsideProblem(square(0.1, 0, 1), parent, 'P')).toBe(
      "10% of it lies outside its parent P's boundary",
    );
  });
});
