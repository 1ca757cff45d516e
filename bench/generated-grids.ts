import { Delaunay } from 'd3-delaunay';
import type { BBox, Position } from '../packages/server/src/regions/geo/geometry.ts';
import { randomFor } from '../packages/server/src/regions/geo/random.ts';
import type { BenchGrid } from './locate-baselines.ts';

/**
 * `count` grids tiling a box: the Voronoi cells of random seed points (about six sides each,
 * like the demo city's grids), with 15-digit grid codes.
 */
export function generateGrids(count: number, box: BBox, seed = 'bench'): BenchGrid[] {
  const random = randomFor(seed, `grids:${count}`);
  const points = Array.from({ length: count }, (): [number, number] => [
    box.minLon + random() * (box.maxLon - box.minLon),
    box.minLat + random() * (box.maxLat - box.minLat),
  ]);
  const voronoi = Delaunay.from(points).voronoi([box.minLon, box.minLat, box.maxLon, box.maxLat]);
  const grids: BenchGrid[] = [];
  for (let i = 0; i < count; i++) {
    const ring = voronoi.cellPolygon(i) as unknown as Position[] | null;
    if (!ring) continue;
    const code = `9${String(i).padStart(14, '0')}`;
    grids.push({ code, geometry: { type: 'Polygon', coordinates: [ring] }, polygons: [[ring]] });
  }
  return grids;
}
