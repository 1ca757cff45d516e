import type { GeoJsonGeometry } from '../tables.ts';

/**
 * A polygon (or MultiPolygon, holes included) made ready for fast point-in-polygon tests: its
 * non-horizontal edges, each stored lower end first, grouped into horizontal bands so a test
 * reads only the edges that can cross the point's row.
 *
 * The rule is the classic even-odd crossing count with half-open rows (an edge spans
 * lowY <= y < highY) and a strict "left of the edge" test. A point on an edge shared by two
 * polygons therefore belongs to exactly one of them (the one to its right, or above on a
 * horizontal edge), and each shared edge is computed the same way on both sides because it is
 * always stored lower end first.
 */
export interface CompiledPolygon {
  code: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** ax, ay, bx, by for each edge of each band, band after band (an edge may repeat). */
  edges: Float64Array;
  /** Band k holds edges bandStarts[k] .. bandStarts[k+1]-1. */
  bandStarts: Int32Array;
  bandCount: number;
  bandScale: number;
  /** Every edge, horizontal ones included, once: ax, ay, bx, by (for rasterising the outline). */
  outline: Float64Array;
}

const EDGES_PER_BAND = 8;

/** The rings of a Polygon or MultiPolygon (all rings: holes count by the even-odd rule). */
function ringsOf(geometry: GeoJsonGeometry): number[][][] {
  return geometry.type === 'Polygon'
    ? (geometry.coordinates as number[][][])
    : (geometry.coordinates as number[][][][]).flat();
}

/** Compile a geometry; null when it has no area-bounding edge (nothing can be inside it). */
export function compilePolygon(code: string, geometry: GeoJsonGeometry): CompiledPolygon | null {
  const outline: number[] = [];
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const ring of ringsOf(geometry)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const p = ring[j] as number[];
      const q = ring[i] as number[];
      const px = p[0] as number;
      const py = p[1] as number;
      const qx = q[0] as number;
      const qy = q[1] as number;
      if (px === qx && py === qy) continue;
      if (py <= qy) outline.push(px, py, qx, qy);
      else outline.push(qx, qy, px, py);
      minX = Math.min(minX, px);
      maxX = Math.max(maxX, px);
      minY = Math.min(minY, py);
      maxY = Math.max(maxY, py);
    }
  }
  if (!(minY < maxY && minX < maxX)) return null;
  const sloped: number[] = [];
  for (let e = 0; e < outline.length; e += 4) if (outline[e + 1] !== outline[e + 3]) sloped.push(e);
  const bandCount = Math.max(1, Math.ceil(sloped.length / EDGES_PER_BAND));
  const bandScale = bandCount / (maxY - minY);
  const bandOf = (y: number) => Math.min(bandCount - 1, Math.floor((y - minY) * bandScale));
  const bands: number[][] = Array.from({ length: bandCount }, () => []);
  for (const e of sloped) {
    for (let b = bandOf(outline[e + 1] as number); b <= bandOf(outline[e + 3] as number); b++) {
      (bands[b] as number[]).push(e);
    }
  }
  const bandStarts = new Int32Array(bandCount + 1);
  const edges = new Float64Array(bands.reduce((n, band) => n + band.length, 0) * 4);
  let at = 0;
  bands.forEach((band, b) => {
    bandStarts[b] = at;
    for (const e of band) {
      for (let k = 0; k < 4; k++) edges[4 * at + k] = outline[e + k] as number;
      at++;
    }
  });
  bandStarts[bandCount] = at;
  return {
    code,
    minX,
    minY,
    maxX,
    maxY,
    edges,
    bandStarts,
    bandCount,
    bandScale,
    outline: Float64Array.from(outline),
  };
}

/** Whether the point is inside the compiled polygon, by the half-open rule above. */
export function polygonContains(p: CompiledPolygon, x: number, y: number): boolean {
  if (x < p.minX || x >= p.maxX || y < p.minY || y >= p.maxY) return false;
  let band = ((y - p.minY) * p.bandScale) | 0;
  if (band >= p.bandCount) band = p.bandCount - 1;
  const edges = p.edges;
  const end = 4 * (p.bandStarts[band + 1] as number);
  let inside = false;
  for (let i = 4 * (p.bandStarts[band] as number); i < end; i += 4) {
    const ay = edges[i + 1] as number;
    const by = edges[i + 3] as number;
    if (y < ay || y >= by) continue;
    const ax = edges[i] as number;
    if (((edges[i + 2] as number) - ax) * (y - ay) - (by - ay) * (x - ax) > 0) inside = !inside;
  }
  return inside;
}
