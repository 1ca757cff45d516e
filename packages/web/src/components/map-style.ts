import type { ExpressionSpecification } from 'maplibre-gl';

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
