import { describe, expect, it } from 'vitest';
import type { GeoJsonGeometry } from '../tables.ts';
import { checkBoundary } from './geometry.ts';
import { chooseTolerance, simplifyBoundary } from './simplification.ts';

describe('chooseTolerance', () => {
  it.each([
    ['the whole city (1.7° across)', [116.7, 38.55, 118.05, 40.25], undefined, 0.000425],
    ['a district (0.05° across)', [117.15, 39.1, 117.2, 39.13], undefined, 0.0000125],
    ['a community (0.01° across): exact', [117.15, 39.1, 117.16, 39.105], undefined, 0],
    ['no boundaries at all', null, undefined, 0],
    ['an explicit request', [116.7, 38.55, 118.05, 40.25], 0.002, 0.002],
    ['an explicit 0: exact', [116.7, 38.55, 118.05, 40.25], 0, 0],
    ['a request too coarse to be useful', null, 5, 0.1],
  ] as const)('%s', (_name, extent, requested, tolerance) => {
    expect(chooseTolerance(extent ? [...extent] : null, requested)).toBeCloseTo(tolerance, 9);
  });
});

/** A circle-like ring with many positions. */
function circle(points: number, radius: number): GeoJsonGeometry {
  const ring = Array.from({ length: points }, (_, i) => {
    const a = (2 * Math.PI * i) / points;
    return [117 + radius * Math.cos(a), 39 + radius * Math.sin(a)];
  });
  ring.push([...(ring[0] as number[])]);
  return { type: 'Polygon', coordinates: [ring] };
}

const positions = (g: GeoJsonGeometry) => (g.coordinates as number[][][])[0]?.length ?? 0;

describe('simplifyBoundary', () => {
  it('drops positions that a map at that scale cannot show, and stays a valid boundary', () => {
    const detailed = circle(2000, 0.1);
    const simplified = simplifyBoundary(detailed, 0.001);
    expect(positions(simplified)).toBeLessThan(100);
    expect(checkBoundary(simplified).ok).toBe(true);
  });

  it('keeps a tiny polygon a closed ring of at least 4 positions', () => {
    const simplified = simplifyBoundary(circle(50, 0.0001), 0.01);
    expect(positions(simplified)).toBeGreaterThanOrEqual(4);
    expect(checkBoundary(simplified).ok).toBe(true);
  });

  it('returns the geometry untouched at tolerance 0', () => {
    const detailed = circle(100, 0.1);
    expect(simplifyBoundary(detailed, 0)).toBe(detailed);
  });
});
