import { describe, expect, it } from 'vitest';
import { bboxOf, checkBoundary } from './geometry.ts';

const square = [
  [117.1, 39.1],
  [117.2, 39.1],
  [117.2, 39.2],
  [117.1, 39.2],
  [117.1, 39.1],
];
const hole = [
  [117.12, 39.12],
  [117.12, 39.18],
  [117.18, 39.18],
  [117.18, 39.12],
  [117.12, 39.12],
];
const farSquare = square.map(([lon = 0, lat = 0]) => [lon + 1, lat]);

describe('checkBoundary accepts', () => {
  it.each([
    ['a polygon', { type: 'Polygon', coordinates: [square] }],
    ['a polygon with a hole', { type: 'Polygon', coordinates: [square, hole] }],
    ['a multipolygon', { type: 'MultiPolygon', coordinates: [[square], [farSquare]] }],
    ['positions with altitude', { type: 'Polygon', coordinates: [square.map((p) => [...p, 3])] }],
    [
      'a ring with a repeated position',
      { type: 'Polygon', coordinates: [[square[0], square[1], square[1], square[2], square[3], square[4]]] },
    ],
  ])('%s', (_name, geometry) => {
    const check = checkBoundary(geometry);
    expect(check).toEqual({ ok: true, geometry });
  });
});

describe('checkBoundary refuses', () => {
  const bowtie = [
    [117.1, 39.1],
    [117.2, 39.2],
    [117.2, 39.1],
    [117.1, 39.2],
    [117.1, 39.1],
  ];
  const crossingHole = hole.map(([lon = 0, lat = 0]) => [lon + 0.05, lat]);
  it.each([
    ['a string', 'Polygon', '', /geometry object/],
    ['an array', [square], '', /geometry object/],
    ['a point', { type: 'Point', coordinates: [117, 39] }, 'type', /not "Point"/],
    ['a feature', { type: 'Feature', geometry: null }, 'type', /Polygon or MultiPolygon/],
    ['missing coordinates', { type: 'Polygon' }, 'coordinates', /non-empty array/],
    [
      'empty polygon of a multipolygon',
      { type: 'MultiPolygon', coordinates: [[]] },
      'coordinates.0',
      /non-empty/,
    ],
    [
      'a ring of 3 positions',
      { type: 'Polygon', coordinates: [square.slice(0, 3)] },
      'coordinates.0',
      /at least 4/,
    ],
    [
      'an unclosed ring',
      { type: 'Polygon', coordinates: [[...square.slice(0, 4), [117.15, 39.25]]] },
      'coordinates.0',
      /closed/,
    ],
    [
      'a degenerate ring',
      { type: 'Polygon', coordinates: [[square[0], square[1], square[0], square[0]]] },
      'coordinates.0',
      /3 distinct/,
    ],
    [
      'a text coordinate',
      { type: 'Polygon', coordinates: [[square[0], ['117.2', 39.1], ...square.slice(2)]] },
      'coordinates.0.1',
      /finite numbers/,
    ],
    [
      'a null coordinate',
      { type: 'Polygon', coordinates: [[square[0], [117.2, null], ...square.slice(2)]] },
      'coordinates.0.1',
      /finite numbers/,
    ],
    [
      'a one-number position',
      { type: 'Polygon', coordinates: [[square[0], [117.2], ...square.slice(2)]] },
      'coordinates.0.1',
      /2 or 3 numbers/,
    ],
    [
      'a longitude out of range',
      { type: 'Polygon', coordinates: [[...square.slice(0, 2), [181, 39.2], ...square.slice(3)]] },
      'coordinates.0.2',
      /longitude 181/,
    ],
    [
      'a latitude out of range',
      { type: 'Polygon', coordinates: [[...square.slice(0, 2), [117.2, 91], ...square.slice(3)]] },
      'coordinates.0.2',
      /latitude 91/,
    ],
    ['a self-intersecting ring', { type: 'Polygon', coordinates: [bowtie] }, 'coordinates', /intersect/],
    [
      'a hole crossing its outer ring',
      { type: 'Polygon', coordinates: [square, crossingHole] },
      'coordinates',
      /intersect/,
    ],
    [
      'a bad ring in the second polygon',
      { type: 'MultiPolygon', coordinates: [[square], [bowtie]] },
      'coordinates.1',
      /intersect/,
    ],
  ])('%s', (_name, geometry, path, message) => {
    const check = checkBoundary(geometry);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problem.path).toBe(path);
    expect(check.problem.message).toMatch(message);
  });
});

describe('bboxOf', () => {
  it('spans the outer rings of every polygon', () => {
    expect(bboxOf({ type: 'MultiPolygon', coordinates: [[square, hole], [farSquare]] })).toEqual([
      117.1, 39.1, 118.2, 39.2,
    ]);
  });
});
