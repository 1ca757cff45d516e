import { describe, expect, it } from 'vitest';
import { parseWkt } from './wkt.ts';

describe('WKT boundaries', () => {
  it('reads a polygon with a hole and a multipolygon', () => {
    expect(
      parseWkt(
        'POLYGON ((105 34, 106 34, 106 35, 105 34), (105.5 34.2, 105.6 34.2, 105.6 34.3, 105.5 34.2))',
      ),
    ).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [105, 34],
          [106, 34],
          [106, 35],
          [105, 34],
        ],
        [
          [105.5, 34.2],
          [105.6, 34.2],
          [105.6, 34.3],
          [105.5, 34.2],
        ],
      ],
    });
    expect(parseWkt('multipolygon(((1 2,3 4,5 6,1 2)),((7 8,9 10,11 12,7 8)))')?.coordinates).toEqual([
      [
        [
          [1, 2],
          [3, 4],
          [5, 6],
          [1, 2],
        ],
      ],
      [
        [
          [7, 8],
          [9, 10],
          [11, 12],
          [7, 8],
        ],
      ],
    ]);
  });

  it('drops a third coordinate and refuses what is not a polygon', () => {
    expect(parseWkt('POLYGON Z ((1 2 9, 3 4 9, 5 6 9, 1 2 9))')?.coordinates).toEqual([
      [
        [1, 2],
        [3, 4],
        [5, 6],
        [1, 2],
      ],
    ]);
    expect(parseWkt('POINT (1 2)')).toBeNull();
    expect(parseWkt('POLYGON ((1 2, 3')).toBeNull();
    expect(parseWkt('')).toBeNull();
  });
});
