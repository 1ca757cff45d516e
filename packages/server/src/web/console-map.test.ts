// The console's and portal's map (issue 13, item 7): where names go, the base map and its
// coordinate system; pure functions, tested by examples (the e2e suite draws the map itself).
import { describe, expect, it } from 'vitest';
import {
  type BoundaryCollection,
  baseStyle,
  boundariesToDisplay,
  circle,
  clipRing,
  fromDisplay,
  labelPoint,
  labelPoints,
  toDisplay,
} from '../../../web/src/components/map-style.ts';

const square = (x: number, y: number, s: number) => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];

describe('where a region’s name goes', () => {
  it('the middle of a square', () => {
    const [lon, lat] = labelPoint({ type: 'Polygon', coordinates: square(117, 39, 0.02) }) as number[];
    expect(lon).toBeCloseTo(117.01, 6);
    expect(lat).toBeCloseTo(39.01, 6);
  });

  it('zoomed into a region, in the middle of the part in view (not at its far-away centre)', () => {
    const fc: BoundaryCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '120101001000', name: '劝业场街道', level: 'street' },
          geometry: { type: 'Polygon', coordinates: square(117, 39, 0.1) },
        },
      ],
    };
    const view: [number, number, number, number] = [117.08, 39.08, 117.12, 39.12];
    const [whole] = labelPoints(fc).features;
    const [seen] = labelPoints(fc, view).features;
    expect(whole?.geometry.coordinates[0]).toBeCloseTo(117.05, 6);
    // the region covers the view's lower-left quarter: its name goes in the middle of that quarter
    expect(seen?.geometry.coordinates[0]).toBeCloseTo(117.09, 6);
    expect(seen?.geometry.coordinates[1]).toBeCloseTo(39.09, 6);
    expect(seen?.properties.name).toBe('劝业场街道');
    // a region wholly out of view is not named
    expect(labelPoints(fc, [118, 40, 118.1, 40.1]).features).toEqual([]);
  });

  it('clips a ring to a box', () => {
    const ring = (square(0, 0, 10)[0] as [number, number][]).slice(0, 4);
    const clipped = clipRing(ring, [5, 5, 20, 20]);
    const xs = clipped.map((p) => p[0]);
    const ys = clipped.map((p) => p[1]);
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([5, 10, 5, 10]);
    expect(clipRing(ring, [11, 11, 12, 12])).toEqual([]);
  });

  it('the largest part of a region in several parts', () => {
    const at = labelPoint({
      type: 'MultiPolygon',
      coordinates: [square(117, 39, 0.001), square(117.1, 39.1, 0.05)],
    }) as number[];
    expect(at[0]).toBeCloseTo(117.125, 6);
  });

  it('inside an L-shaped region, whose centroid falls outside it', () => {
    // an L: the corner at the bottom left, arms along the bottom and the left
    const l = [
      [
        [0, 0],
        [10, 0],
        [10, 1],
        [1, 1],
        [1, 10],
        [0, 10],
        [0, 0],
      ],
    ];
    const [x, y] = labelPoint({ type: 'Polygon', coordinates: l }) as [number, number];
    const insideL = (x >= 0 && x <= 10 && y >= 0 && y <= 1) || (x >= 0 && x <= 1 && y >= 0 && y <= 10);
    expect(insideL, `${x}, ${y}`).toBe(true);
  });

  it('one label per named region with its level; none for a region without a shape', () => {
    const fc: BoundaryCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'a', name: '劝业场街道', level: 'street' },
          geometry: { type: 'Polygon', coordinates: square(117, 39, 0.01) },
        },
        { type: 'Feature', properties: { code: 'b', name: '第1网格', level: 'grid' }, geometry: null },
      ],
    };
    const labels = labelPoints(fc);
    expect(labels.features.map((f) => f.properties)).toEqual([
      { code: 'a', name: '劝业场街道', level: 'street' },
    ]);
  });
});

describe('the base map', () => {
  it('without one the style is our plain background; with one, its tiles under the boundaries', () => {
    expect(baseStyle(null).sources).toEqual({});
    const style = baseStyle({
      url: 'https://t.example.cn/{z}/{x}/{y}.png',
      crs: 'gcj02',
      attribution: '© 某市',
    });
    expect(style.sources.basemap).toMatchObject({
      type: 'raster',
      tiles: ['https://t.example.cn/{z}/{x}/{y}.png'],
    });
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'basemap']);
    // no glyphs URL: labels are drawn from the device's fonts, nothing fetched
    expect(style.glyphs).toBeUndefined();
  });

  it('moves our WGS-84 shapes onto GCJ-02 tiles (a few hundred metres in Tianjin) and a tap back', () => {
    const tianjin: [number, number] = [117.2, 39.13];
    const shown = toDisplay(tianjin, 'gcj02');
    const metres = Math.hypot((shown[0] - tianjin[0]) * 86_000, (shown[1] - tianjin[1]) * 111_000);
    expect(metres).toBeGreaterThan(100);
    expect(metres).toBeLessThan(1000);
    const back = fromDisplay(shown, 'gcj02');
    expect(back[0]).toBeCloseTo(tianjin[0], 5);
    expect(back[1]).toBeCloseTo(tianjin[1], 5);
    expect(toDisplay(tianjin, 'wgs84')).toEqual(tianjin);
    const fc: BoundaryCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'a', name: 'a', level: 'grid' },
          geometry: { type: 'Polygon', coordinates: square(117.2, 39.13, 0.01) },
        },
      ],
    };
    const moved = boundariesToDisplay(fc, 'gcj02').features[0]?.geometry?.coordinates as number[][][];
    expect(moved[0]?.[0]).toEqual(shown);
    expect(boundariesToDisplay(fc, 'wgs84')).toBe(fc);
  });

  it('draws a position’s accuracy as a circle of that many metres', () => {
    const ring = circle([117.2, 39.13], 50).features[0]?.geometry.coordinates[0] as number[][];
    expect(ring).toHaveLength(65);
    const north = ring[16] as number[];
    expect((north[1] as number) - 39.13).toBeCloseTo(50 / 111_320, 8);
  });
});
