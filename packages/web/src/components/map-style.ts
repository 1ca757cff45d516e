import gcoord from 'gcoord';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';

export interface BoundaryFeature {
  type: 'Feature';
  properties: { code: string; name: string; level: string; [k: string]: unknown };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null;
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: BoundaryFeature[];
}

/** [west, south, east, north] of every coordinate in the collection, or null when empty. */
export function boundsOf(fc: BoundaryCollection): [number, number, number, number] | null {
  let w = 180;
  let s = 90;
  let e = -180;
  let n = -90;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
      return;
    }
    for (const x of c) visit(x);
  };
  for (const f of fc.features) visit(f.geometry?.coordinates);
  return w <= e && s <= n ? [w, s, e, n] : null;
}

const RAMP = ['#e6f0fa', '#b3d1ef', '#6fa8dc', '#2f6fb8', '#123e73'];

/** Fill colour: a five-step ramp over the figure's range, grey where a region has no value. */
export function colourExpression(
  values: Record<string, number> | undefined,
): ExpressionSpecification | string {
  if (!values || !Object.keys(values).length) return '#9ec5ea';
  const nums = Object.values(values);
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const step = (max - min) / RAMP.length || 1;
  const match: unknown[] = ['match', ['get', 'code']];
  for (const [code, v] of Object.entries(values)) {
    const i = Math.min(RAMP.length - 1, Math.floor((v - min) / step));
    match.push(code, RAMP[i]);
  }
  match.push('#d9d9d9');
  return match as ExpressionSpecification;
}

export type MapCrs = 'wgs84' | 'gcj02';

/**
 * A point of ours (WGS-84, as every coordinate the server keeps and a phone's position) where the
 * base map draws it: GCJ-02 tiles are offset, so our shapes move onto them, not the tiles.
 */
export function toDisplay(lonLat: [number, number], crs: MapCrs): [number, number] {
  if (crs === 'wgs84') return lonLat;
  return gcoord.transform(lonLat, gcoord.WGS84, gcoord.GCJ02) as [number, number];
}

/** A point of the displayed map (a click) back in WGS-84. */
export function fromDisplay(lonLat: [number, number], crs: MapCrs): [number, number] {
  if (crs === 'wgs84') return lonLat;
  return gcoord.transform(lonLat, gcoord.GCJ02, gcoord.WGS84) as [number, number];
}

/** The boundaries moved onto the base map's coordinate system (a copy; WGS-84 unchanged). */
export function boundariesToDisplay(fc: BoundaryCollection, crs: MapCrs): BoundaryCollection {
  if (crs === 'wgs84') return fc;
  const move = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number'
      ? toDisplay([c[0], c[1]], crs)
      : Array.isArray(c)
        ? c.map(move)
        : c;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({
      ...f,
      geometry: f.geometry ? { ...f.geometry, coordinates: move(f.geometry.coordinates) } : null,
    })),
  };
}

type Ring = [number, number][];

/** Twice the signed area of a ring and its centroid (the shoelace formula). */
function ringCentroid(ring: Ring): { area: number; at: [number, number] } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (Math.abs(a) < 1e-18) {
    const n = ring.length || 1;
    return { area: 0, at: [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n] };
  }
  return { area: Math.abs(a), at: [x / (3 * a), y / (3 * a)] };
}

function inside(ring: Ring, [px, py]: [number, number]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/**
 * Where each region's name goes: the centroid of its largest part, or, for a part shaped so its
 * centroid falls outside (an L, a crescent), the middle of its widest row across the centroid.
 */
export function labelPoint(geometry: BoundaryFeature['geometry']): [number, number] | null {
  if (!geometry) return null;
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : (geometry.coordinates as unknown[])
  ) as Ring[][];
  let best: { area: number; at: [number, number]; ring: Ring } | null = null;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer?.length) continue;
    const c = ringCentroid(outer);
    if (!best || c.area > best.area) best = { ...c, ring: outer };
  }
  if (!best) return null;
  if (inside(best.ring, best.at)) return best.at;
  // the widest stretch of the row through the centroid that lies inside the ring
  const y = best.at[1];
  const xs: number[] = [];
  for (let i = 0, j = best.ring.length - 1; i < best.ring.length; j = i++) {
    const [xi, yi] = best.ring[i] as [number, number];
    const [xj, yj] = best.ring[j] as [number, number];
    if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
  }
  xs.sort((a, b) => a - b);
  let wide: [number, number] | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const [a, b] = [xs[i] as number, xs[i + 1] as number];
    if (!wide || b - a > wide[1] - wide[0]) wide = [a, b];
  }
  return wide ? [(wide[0] + wide[1]) / 2, y] : best.at;
}

/** One point per named region, carrying its name and level, for the map's label layer. */
/** A ring clipped to a box [west, south, east, north] (Sutherland–Hodgman; a box is convex). */
export function clipRing(ring: Ring, box: [number, number, number, number]): Ring {
  const [w, s, e, n] = box;
  const edges: [
    (p: [number, number]) => boolean,
    (a: [number, number], b: [number, number]) => [number, number],
  ][] = [
    [(p) => p[0] >= w, (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= e, (a, b) => [e, a[1] + ((b[1] - a[1]) * (e - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= s, (a, b) => [a[0] + ((b[0] - a[0]) * (s - a[1])) / (b[1] - a[1]), s]],
    [(p) => p[1] <= n, (a, b) => [a[0] + ((b[0] - a[0]) * (n - a[1])) / (b[1] - a[1]), n]],
  ];
  let out = ring;
  for (const [keep, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i] as [number, number];
      const prev = input[(i + input.length - 1) % input.length] as [number, number];
      if (keep(cur)) {
        if (!keep(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (keep(prev)) out.push(cross(prev, cur));
    }
    if (!out.length) return [];
  }
  return out;
}

/** The part of a region's outline inside a view (outer rings only: enough to place its name). */
function inView(geometry: BoundaryFeature['geometry'], box: [number, number, number, number]) {
  if (!geometry) return null;
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : (geometry.coordinates as unknown[])
  ) as Ring[][];
  const clipped = polygons.flatMap((p) => {
    const ring = p[0] ? clipRing(p[0], box) : [];
    return ring.length >= 3 ? [[[...ring, ring[0] as [number, number]]]] : [];
  });
  return clipped.length
    ? ({ type: 'MultiPolygon', coordinates: clipped } as BoundaryFeature['geometry'])
    : null;
}

/**
 * Where each region's name goes: the middle of the region or, given the view, of the part of it
 * in view — zoomed into a street, its name stays on screen instead of at its far-away centre.
 */
export function labelPoints(fc: BoundaryCollection, view?: [number, number, number, number]) {
  return {
    type: 'FeatureCollection' as const,
    features: fc.features.flatMap((f) => {
      const at = labelPoint(view ? inView(f.geometry, view) : f.geometry);
      return at && f.properties.name
        ? [
            {
              type: 'Feature' as const,
              properties: { code: f.properties.code, name: f.properties.name, level: f.properties.level },
              geometry: { type: 'Point' as const, coordinates: at },
            },
          ]
        : [];
    }),
  };
}

/** A circle of `metres` around a point (64 sides), for a device position's accuracy. */
export function circle(centre: [number, number], metres: number) {
  const [lon, lat] = centre;
  const dLat = metres / 111_320;
  const dLon = metres / (111_320 * Math.cos((lat * Math.PI) / 180) || 1);
  const ring = Array.from({ length: 65 }, (_, i) => {
    const a = (2 * Math.PI * (i % 64)) / 64;
    return [lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)];
  });
  return {
    type: 'FeatureCollection' as const,
    features: [
      {
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'Polygon' as const, coordinates: [ring] },
      },
    ],
  };
}

export interface BaseMapSetting {
  url: string;
  crs: MapCrs;
  attribution?: string;
}

/** The map's style: a plain background, and the city's base map tiles when it has one. */
export function baseStyle(base: BaseMapSetting | null | undefined): StyleSpecification {
  return {
    version: 8,
    sources: base
      ? { basemap: { type: 'raster', tiles: [base.url], tileSize: 256, attribution: base.attribution ?? '' } }
      : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
      ...(base ? [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }] : []),
    ],
  };
}
