import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import {
  bboxOf,
  containsPoint,
  type MultiPolygonCoords,
  type PolygonCoords,
  type Position,
  planarArea,
} from './geometry.ts';
import type { Random } from './random.ts';

/** How many candidates each seed point is chosen from (Mitchell's best candidate: even spacing). */
const CANDIDATES = 8;
const MAX_TRIES_PER_POINT = 10_000;

/** A random point strictly inside the polygons, picking a polygon by its area. */
function randomPointInside(polygons: MultiPolygonCoords, areas: number[], total: number, random: Random) {
  let pick = random() * total;
  let index = 0;
  while (index < areas.length - 1 && pick >= (areas[index] as number)) pick -= areas[index++] as number;
  const polygon = polygons[index] as PolygonCoords;
  const box = bboxOf([polygon]);
  if (!box) throw new Error('cannot sample a point in an empty polygon');
  for (let tries = 0; tries < MAX_TRIES_PER_POINT; tries++) {
    const lon = box.minLon + random() * (box.maxLon - box.minLon);
    const lat = box.minLat + random() * (box.maxLat - box.minLat);
    if (containsPoint([polygon], lon, lat)) return [lon, lat] as Position;
  }
  throw new Error('no point found inside a polygon (degenerate polygon?)');
}

/** `count` distinct, evenly spread points inside the polygons. */
export function seedPoints(polygons: MultiPolygonCoords, count: number, random: Random): Position[] {
  const areas = polygons.map((p) => planarArea([p]));
  const total = areas.reduce((a, b) => a + b, 0);
  const points: Position[] = [];
  while (points.length < count) {
    let best: Position | undefined;
    let bestDistance = -1;
    for (let c = 0; c < CANDIDATES; c++) {
      const candidate = randomPointInside(polygons, areas, total, random);
      let nearest = Number.POSITIVE_INFINITY;
      for (const p of points) {
        const d = (p[0] - candidate[0]) ** 2 + (p[1] - candidate[1]) ** 2;
        if (d < nearest) nearest = d;
      }
      if (nearest > bestDistance) {
        best = candidate;
        bestDistance = nearest;
      }
    }
    if (best && bestDistance > 0) points.push(best);
  }
  return points;
}

/** Reading order: north to south in bands, west to east within a band (so 第1网格 is north-west). */
function readingOrder(points: Position[]): Position[] {
  const box = bboxOf([[points]]);
  if (!box) return points;
  const bands = Math.max(1, Math.round(Math.sqrt(points.length)));
  const bandHeight = (box.maxLat - box.minLat) / bands || 1;
  const band = (p: Position) => Math.min(bands - 1, Math.floor((box.maxLat - p[1]) / bandHeight));
  return [...points].sort((a, b) => band(a) - band(b) || a[0] - b[0]);
}

/**
 * Split polygons into `count` parts that exactly tile them: Voronoi cells of evenly spread seed
 * points, each clipped to the parent. Every part is non-empty (its seed lies inside the parent);
 * a part may be a MultiPolygon where the parent is not convex. Parts come in reading order.
 */
export function partition(parent: MultiPolygonCoords, count: number, random: Random): MultiPolygonCoords[] {
  if (count < 1) throw new Error('partition needs at least one part');
  if (count === 1) return [parent];
  const box = bboxOf(parent);
  if (!box) throw new Error('cannot partition an empty polygon');
  const points = readingOrder(seedPoints(parent, count, random));
  const padLon = (box.maxLon - box.minLon) * 0.01 + 1e-9;
  const padLat = (box.maxLat - box.minLat) * 0.01 + 1e-9;
  const voronoi = Delaunay.from(points).voronoi([
    box.minLon - padLon,
    box.minLat - padLat,
    box.maxLon + padLon,
    box.maxLat + padLat,
  ]);
  return points.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as unknown as Position[];
    const part = polygonClipping.intersection(parent, [cell]) as MultiPolygonCoords;
    if (part.length === 0) throw new Error(`partition produced an empty part ${i} of ${count}`);
    return part;
  });
}
