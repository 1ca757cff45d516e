/**
 * Locate throughput: which grid holds a point, for the Tianjin demo grids and for 100,000
 * generated grids, by (a) LocateIndex, (b) a naive loop with turf, (c) flatbush + point-in-polygon
 * and (d) PostGIS ST_Contains with a GiST index (when DATABASE_URL is set), all on the same random
 * points inside the city, in one run. Node runs the in-memory ones on one core.
 *
 *   npm run bench -- locate [--full]
 */

import { generateTianjin } from '../packages/server/src/regions/demo/seed.ts';
import { bboxOf } from '../packages/server/src/regions/geo/geometry.ts';
import { randomFor } from '../packages/server/src/regions/geo/random.ts';
import { LocateIndex } from '../packages/server/src/regions/locate/locate-index.ts';
import { generateGrids } from './generated-grids.ts';
import { type BenchGrid, flatbushPip, type Locate, naiveTurf, PostgisReference } from './locate-baselines.ts';
import { printTable, throughput, timeMs } from './measure.ts';

const full = process.argv.includes('--full');
const QUERIES = full ? 4_000_000 : 1_000_000;
const BUDGET_MS = full ? 10_000 : 3_000;
const NAIVE_BUDGET_MS = full ? 10_000 : 2_000;
const POSTGIS_BATCH = 5_000;
const POSTGIS_POINTS = full ? 100_000 : 20_000;
const CHECKED_POINTS = 20_000;

interface Row extends Record<string, string | number> {
  grids: string;
  method: string;
  'build ms': number;
  'lookups/s': number;
  'ours ×': number;
  'differ from ours': string;
}

function randomPointsInside(city: LocateIndex, box: NonNullable<ReturnType<typeof bboxOf>>, count: number) {
  const random = randomFor('bench', 'points');
  const points = new Float64Array(2 * count);
  for (let n = 0; n < count; ) {
    const lon = box.minLon + random() * (box.maxLon - box.minLon);
    const lat = box.minLat + random() * (box.maxLat - box.minLat);
    if (city.locate(lon, lat) === null) continue;
    points[2 * n] = lon;
    points[2 * n + 1] = lat;
    n++;
  }
  return points;
}

function differences(locate: Locate, ours: Locate, points: Float64Array, count: number): string {
  let differ = 0;
  for (let i = 0; i < count; i++) {
    const lon = points[2 * i] as number;
    const lat = points[2 * i + 1] as number;
    if (locate(lon, lat) !== ours(lon, lat)) differ++;
  }
  return `${differ}/${count}`;
}

async function benchSet(
  label: string,
  grids: BenchGrid[],
  points: Float64Array,
  postgis: PostgisReference | null,
) {
  const count = points.length / 2;
  const lon = (i: number) => points[2 * (i % count)] as number;
  const lat = (i: number) => points[2 * (i % count) + 1] as number;
  const ours = timeMs(() => LocateIndex.build(grids));
  const oursLocate: Locate = (x, y) => ours.result.locate(x, y);
  const oursRate = throughput((i) => ours.result.locate(lon(i), lat(i)), QUERIES, BUDGET_MS).perSecond;
  const rows: Row[] = [
    {
      grids: label,
      method: '(a) LocateIndex',
      'build ms': ours.ms,
      'lookups/s': oursRate,
      'ours ×': 1,
      'differ from ours': '',
    },
  ];
  const add = (method: string, buildMs: number, rate: number, differ: string) =>
    rows.push({
      grids: label,
      method,
      'build ms': buildMs,
      'lookups/s': rate,
      'ours ×': oursRate / rate,
      'differ from ours': differ,
    });

  const naive = timeMs(() => naiveTurf(grids));
  const naiveRate = throughput((i) => naive.result(lon(i), lat(i)), QUERIES, NAIVE_BUDGET_MS, 10, 4);
  add(
    '(b) naive loop + turf',
    naive.ms,
    naiveRate.perSecond,
    differences(naive.result, oursLocate, points, Math.min(200, naiveRate.calls)),
  );

  const flat = timeMs(() => flatbushPip(grids));
  const flatRate = throughput((i) => flat.result(lon(i), lat(i)), QUERIES, BUDGET_MS).perSecond;
  add(
    '(c) flatbush + point-in-polygon',
    flat.ms,
    flatRate,
    differences(flat.result, oursLocate, points, CHECKED_POINTS),
  );

  if (postgis) {
    const { loadMs, indexMs } = await postgis.load(grids);
    let done = 0;
    let differ = 0;
    const started = performance.now();
    while (done < Math.min(POSTGIS_POINTS, count)) {
      const codes = await postgis.locateMany(points, done, POSTGIS_BATCH);
      codes.forEach((code, k) => {
        if (code !== ours.result.locate(lon(done + k), lat(done + k))) differ++;
      });
      done += codes.length;
    }
    const rate = (done * 1000) / (performance.now() - started);
    add(`(d) PostGIS ST_Contains + GiST (load ${Math.round(loadMs)} ms)`, indexMs, rate, `${differ}/${done}`);
  }
  printTable(rows);
  console.log();
}

const regions = generateTianjin();
const cityRegion = regions.find((r) => r.level === 'city');
const cityBox = cityRegion && bboxOf(cityRegion.polygons);
if (!cityRegion || !cityBox) throw new Error('the demo city has no outline');
const city = LocateIndex.build([{ code: cityRegion.code, geometry: cityRegion.boundary }]);
const points = randomPointsInside(city, cityBox, Math.min(QUERIES, 1_000_000));
const url = process.env.DATABASE_URL;
const postgis = url ? await PostgisReference.open(url, `cg_bench_locate_${process.pid}`) : null;
if (!url) console.log('PostGIS left out: set DATABASE_URL to a PostgreSQL with PostGIS to include it');
console.log(
  `${points.length / 2} random points inside Tianjin; in-memory methods run on one core (Node ${process.version})${full ? ', full sizes' : ''}\n`,
);
try {
  const tianjin = regions
    .filter((r) => r.level === 'grid')
    .map((r) => ({ code: r.code, geometry: r.boundary, polygons: r.polygons }));
  await benchSet(`Tianjin ${tianjin.length}`, tianjin, points, postgis);
  regions.length = 0;
  const generated = generateGrids(100_000, cityBox);
  await benchSet(`generated ${generated.length}`, generated, points, postgis);
} finally {
  await postgis?.close();
}
