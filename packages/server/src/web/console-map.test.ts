// The console's and portal's map (issue 13, item 7): where names go, the base map and its
// coordinate system; pure functions, tested by examples (the e2e suite draws the map itself).
import { describe, expect, it } from 'vitest';
import {
  type BoundaryCollection,
  baseStyle,
  boundariesToDisplay,
  circle,
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
