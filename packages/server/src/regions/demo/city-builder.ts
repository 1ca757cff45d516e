import { bboxOf, fromMultiPolygon, type MultiPolygonCoords } from '../geo/geometry.ts';
import { partition } from '../geo/partition.ts';
import { randomFor, randomInt } from '../geo/random.ts';
import type { DedicatedType, GeoJsonGeometry, RegionLevel } from '../tables.ts';
import { childrenByParent, type Division } from './divisions.ts';
import {
  communityHouseholds,
  communityKind,
  DEDICATED_PER_DISTRICT,
  gridHouseholds,
  populationOf,
} from './households.ts';

/** One region of the generated demo city, ready to insert. */
export interface DemoRegion {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
  path: string;
  depth: number;
  gridKind: 'basic' | 'dedicated' | null;
  dedicatedType: DedicatedType | null;
  households: number;
  population: number;
  boundary: GeoJsonGeometry;
  polygons: MultiPolygonCoords;
}

export interface CityInput {
  divisions: Division[];
  /** The city outline and each district's polygons (they must tile it: see cleanDistricts). */
  city: MultiPolygonCoords;
  districts: Map<string, MultiPolygonCoords>;
  seed: string;
}

/** A grid code: the community's 12 digits and a 3-digit sequence within it. */
export const gridCode = (communityCode: string, sequence: number) =>
  `${communityCode}${String(sequence).padStart(3, '0')}`;

interface GridPlan {
  households: number;
  dedicated?: { type: DedicatedType; label: string };
}

/** Which urban communities of each district get a dedicated grid, and what it covers. */
function pickDedicated(communities: Division[], seed: string, districtCode: string) {
  const random = randomFor(seed, `${districtCode}:dedicated`);
  const urban = communities.filter((c) => communityKind(c.code) === 'urban');
  const pool = urban.length >= DEDICATED_PER_DISTRICT.length ? urban : [...communities];
  const picked = new Map<string, GridPlan['dedicated']>();
  for (const place of DEDICATED_PER_DISTRICT) {
    if (pool.length === 0) break;
    const [community] = pool.splice(randomInt(random, 0, pool.length - 1), 1);
    if (community) picked.set(community.code, place);
  }
  return picked;
}

/**
 * The whole demo city, deterministic from the seed: the real tree from the divisions, each
 * district split into its streets, each street into its communities, each community into grids
 * of about 300–400 households (plus a few dedicated grids per district). Parents come first.
 */
export function buildCity(input: CityInput): DemoRegion[] {
  const children = childrenByParent(input.divisions);
  const root = input.divisions.find((d) => d.parentCode === null);
  if (!root) throw new Error('the divisions have no city');
  const out: DemoRegion[] = [];
  const region = (
    division: Pick<Division, 'code' | 'name' | 'parentCode'> & { level: RegionLevel },
    parent: DemoRegion | null,
    polygons: MultiPolygonCoords,
  ): DemoRegion => {
    const r: DemoRegion = {
      ...division,
      level: division.level,
      path: `${parent?.path ?? ''}${division.code}/`,
      depth: parent ? parent.depth + 1 : 0,
      gridKind: null,
      dedicatedType: null,
      households: 0,
      population: 0,
      boundary: fromMultiPolygon(polygons),
      polygons,
    };
    out.push(r);
    return r;
  };
  const split = (parent: DemoRegion, count: number) =>
    partition(parent.polygons, count, randomFor(input.seed, parent.code));

  const city = region(root, null, input.city);
  for (const districtDivision of children.get(root.code) ?? []) {
    const polygons = input.districts.get(districtDivision.code);
    if (!polygons) throw new Error(`no boundary for district ${districtDivision.code}`);
    const district = region(districtDivision, city, polygons);
    const streets = children.get(district.code) ?? [];
    const allCommunities = streets.flatMap((s) => children.get(s.code) ?? []);
    const dedicated = pickDedicated(allCommunities, input.seed, district.code);
    const streetParts = split(district, streets.length);
    streets.forEach((streetDivision, s) => {
      const street = region(streetDivision, district, streetParts[s] as MultiPolygonCoords);
      const communities = children.get(street.code) ?? [];
      const communityParts = split(street, communities.length);
      communities.forEach((communityDivision, c) => {
        const community = region(communityDivision, street, communityParts[c] as MultiPolygonCoords);
        const random = randomFor(input.seed, `${community.code}:households`);
        const plans: GridPlan[] = gridHouseholds(
          communityHouseholds(communityKind(community.code), random),
          random,
        ).map((households) => ({ households }));
        const place = dedicated.get(community.code);
        if (place) plans.push({ households: 0, dedicated: place });
        const gridParts = split(community, plans.length);
        plans.forEach((plan, g) => {
          const sequence = g + 1;
          const grid = region(
            {
              code: gridCode(community.code, sequence),
              name: plan.dedicated
                ? `第${sequence}网格（${plan.dedicated.label}专属网格）`
                : `第${sequence}网格`,
              level: 'grid' as const,
              parentCode: community.code,
            },
            community,
            gridParts[g] as MultiPolygonCoords,
          );
          grid.gridKind = plan.dedicated ? 'dedicated' : 'basic';
          grid.dedicatedType = plan.dedicated?.type ?? null;
          grid.households = plan.households;
          grid.population = populationOf(plan.households, random);
          for (const ancestor of [community, street, district, city]) {
            ancestor.households += grid.households;
            ancestor.population += grid.population;
          }
        });
      });
    });
  }
  return out;
}

/** The bounding box columns of a region. */
export function bboxColumns(polygons: MultiPolygonCoords) {
  const box = bboxOf(polygons);
  return {
    min_lon: box?.minLon ?? null,
    min_lat: box?.minLat ?? null,
    max_lon: box?.maxLon ?? null,
    max_lat: box?.maxLat ?? null,
  };
}
