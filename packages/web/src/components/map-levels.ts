import { type BoundaryCollection, type BoundaryFeature, boundsOf } from './map-style.ts';

/** The levels a map names, from the city's districts down to grids. */
export const MAP_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/** [west, south, east, north] in WGS-84. */
export type Box = [number, number, number, number];

/**
 * Which level a map at this zoom names: districts when a district or more fits the screen, then
 * streets (a few km across), communities (hundreds of metres), and grids once a street corner fills it.
 */
export function levelAtZoom(zoom: number): MapLevel {
  if (zoom < 11) return 'district';
  if (zoom < 13.5) return 'street';
  if (zoom < 15) return 'community';
  return 'grid';
}

/** At most this many regions have their children fetched for one view (a phone's downloads stay small). */
export const MAX_PARENTS = 12;

const boxes = new WeakMap<BoundaryFeature, Box | null>();
function boxOf(f: BoundaryFeature): Box | null {
  if (!boxes.has(f)) boxes.set(f, boundsOf({ type: 'FeatureCollection', features: [f] }));
  return boxes.get(f) ?? null;
}

export function intersects(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

const inView = (features: readonly BoundaryFeature[], view: Box) =>
  features.filter((f) => {
    const b = boxOf(f);
    return b !== null && intersects(b, view);
  });

/**
 * What the map draws and names for a view: the regions of the zoom's level that lie in view,
 * found by going down from the city's districts through the children already fetched
 * (`children`: a region's code → its children's boundaries). A region whose children are not
 * there yet is drawn itself meanwhile and listed in `wanted` (whose children of which level to fetch).
 */
export function viewRegions(
  city: BoundaryCollection | null,
  children: ReadonlyMap<string, BoundaryCollection>,
  view: { box: Box; zoom: number } | null,
): { shown: BoundaryCollection | null; wanted: { code: string; level: MapLevel }[]; level: MapLevel } {
  const level = view ? levelAtZoom(view.zoom) : 'district';
  if (!city || !view || level === 'district') return { shown: city, wanted: [], level };
  const depth = MAP_LEVELS.indexOf(level);
  const wanted: { code: string; level: MapLevel }[] = [];
  const pending: BoundaryFeature[] = [];
  let current = inView(city.features, view.box);
  for (let d = 1; d <= depth; d++) {
    const next: BoundaryFeature[] = [];
    for (const f of current.slice(0, MAX_PARENTS)) {
      const kids = children.get(f.properties.code);
      if (kids) next.push(...inView(kids.features, view.box));
      else {
        wanted.push({ code: f.properties.code, level: MAP_LEVELS[d] as MapLevel });
        pending.push(f);
      }
    }
    current = next;
  }
  return { shown: { type: 'FeatureCollection', features: [...pending, ...current] }, wanted, level };
}
