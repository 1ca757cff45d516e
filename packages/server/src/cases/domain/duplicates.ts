/**
 * Duplicate and repeat detection, the pure part: distances on the sphere and the bounding box
 * that prefilters candidates in SQL. No I/O.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE_LAT = 111_320;

export interface Point {
  lon: number;
  lat: number;
}

/** Great-circle distance in metres (haversine). */
export function haversineMetres(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A lon/lat box that holds every point within `radiusM` of the centre (a little more). */
export function boundingBox(centre: Point, radiusM: number) {
  const dLat = (radiusM / METRES_PER_DEGREE_LAT) * 1.01;
  const cos = Math.max(Math.cos((Math.min(89, Math.abs(centre.lat)) * Math.PI) / 180), 1e-6);
  const dLon = dLat / cos;
  return {
    minLon: centre.lon - dLon,
    maxLon: centre.lon + dLon,
    minLat: centre.lat - dLat,
    maxLat: centre.lat + dLat,
  };
}

export interface Candidate extends Partial<Point> {
  id: number;
  categoryCode: string;
  gridCode: string | null;
  sameReporter: boolean;
}

export type LinkKind = 'duplicate' | 'repeat';

export interface LinkDecision {
  caseId: number;
  kind: LinkKind;
  distanceM: number | null;
  reason: 'nearby_same_category' | 'same_reporter_same_category' | 'same_reporter_same_place';
}

/**
 * Which candidates a new case is linked to. A candidate of the same category within the
 * radius is a duplicate; one from the same reporter (keyed phone hash) with the same category,
 * the same grid or within the radius is a repeat. A candidate is linked once (duplicate first).
 */
export function decideLinks(
  fresh: { categoryCode: string; gridCode: string | null } & Partial<Point>,
  candidates: Candidate[],
  radiusM: number,
): LinkDecision[] {
  const decisions: LinkDecision[] = [];
  for (const c of candidates) {
    const distanceM =
      fresh.lon != null && fresh.lat != null && c.lon != null && c.lat != null
        ? Math.round(haversineMetres(fresh as Point, c as Point))
        : null;
    const near = distanceM !== null && distanceM <= radiusM;
    const sameCategory = c.categoryCode === fresh.categoryCode;
    if (near && sameCategory && !c.sameReporter) {
      decisions.push({ caseId: c.id, kind: 'duplicate', distanceM, reason: 'nearby_same_category' });
    } else if (c.sameReporter && sameCategory) {
      decisions.push({ caseId: c.id, kind: 'repeat', distanceM, reason: 'same_reporter_same_category' });
    } else if (c.sameReporter && (near || (c.gridCode !== null && c.gridCode === fresh.gridCode))) {
      decisions.push({ caseId: c.id, kind: 'repeat', distanceM, reason: 'same_reporter_same_place' });
    }
  }
  return decisions.sort((a, b) =>
    a.kind === b.kind ? (a.distanceM ?? 1e12) - (b.distanceM ?? 1e12) : a.kind === 'duplicate' ? -1 : 1,
  );
}
