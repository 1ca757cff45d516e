/**
 * Case intake throughput through the HTTP API (POST /api/v1/cases with locate, routing, deadline,
 * duplicate check, reporter's personal data and history row) on PGlite and PostgreSQL, beside a
 * naive reference measured in the same run on the same database: one INSERT into cases per
 * request, each in its own transaction, from the same number of concurrent clients.
 *
 *   tsx bench/intake.bench.ts            10 s per measurement, 32 concurrent clients
 *   tsx bench/intake.bench.ts --full     30 s per measurement, 64 concurrent clients
 *   … --clients N --pg-only
 *
 * The reports go to the real server (src/main.ts) in a process of its own. References: the naive
 * INSERT run in this process (no HTTP), and the same over HTTP through a bare server
 * (bench/naive-intake-server.ts: one INSERT per request in its own transaction). Reports are spread over random points of the whole city and nine categories,
 * with random reporters. Databases: PostgreSQL on DATABASE_URL's server (only when it is set)
 * and PGlite under .data/, each copied for the run from a template seeded once with the demo city.
 * Commits are durable (synchronous_commit as the server has it; PGlite as configured).
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createContext, isDemoSeeded, seedDemo } from '../packages/server/src/bootstrap.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { AppContext } from '../packages/server/src/context.ts';
import { type Database, openDatabase } from '../packages/server/src/db/database.ts';
import { stopModules } from '../packages/server/src/http/app.ts';
import { adminUrl, databaseUrlFor } from '../packages/server/test/pg-admin.ts';
import { printTable } from './measure.ts';
import { freePort, login, peakRssMiB, startServer, stopServer } from './server-process.ts';

const ROOT = join(import.meta.dirname, '..');
const full = process.argv.includes('--full');
const SECONDS = full ? 30 : 10;
const clientsArg = process.argv.indexOf('--clients');
const CLIENTS = clientsArg > 0 ? Number(process.argv[clientsArg + 1]) : full ? 64 : 32;
const PG_URL = process.env.DATABASE_URL ?? '';
const only = (name: string) =>
  process.argv.includes('--pg-only')
    ? name === 'PostgreSQL'
    : !process.argv.includes('--pglite-only') || name === 'PGlite';

/**
 * Every run starts from the same database: the seeded demo city without cases (a template made
 * once and kept), copied afresh, so earlier runs' cases don't pile up in the duplicate search.
 */
const PG_SEED = 'cg_bench_intake_seed';
const PG_RUN = 'cg_bench_intake_run';
async function openPg(): Promise<Database> {
  const admin = await openDatabase({ url: adminUrl(PG_URL) });
  const exists = async (name: string) =>
    (await sql`select 1 from pg_database where datname = ${name}`.execute(admin.db)).rows.length > 0;
  if (!(await exists(PG_SEED))) {
    await admin.exec(`create database ${PG_SEED}`);
    await seeded(await openDatabase({ url: databaseUrlFor(PG_URL, PG_SEED) }), 'PostgreSQL');
  }
  await admin.exec(`drop database if exists ${PG_RUN}`);
  await admin.exec(`create database ${PG_RUN} template ${PG_SEED}`);
  await admin.close();
  return openDatabase({ url: databaseUrlFor(PG_URL, PG_RUN) });
}
/** The server's own data folder layout (DATA_DIR/pglite), so the bench and the server share it. */
const PGLITE_SEED = join(ROOT, '.data', 'bench-intake-seed');
const PGLITE_RUN = join(ROOT, '.data', 'bench-intake-run');
async function openPglite(): Promise<Database> {
  if (!existsSync(join(PGLITE_SEED, 'pglite', 'PG_VERSION'))) {
    rmSync(PGLITE_SEED, { recursive: true, force: true });
    await seeded(await openDatabase({ dataDir: join(PGLITE_SEED, 'pglite') }), 'PGlite');
  }
  rmSync(PGLITE_RUN, { recursive: true, force: true });
  cpSync(join(PGLITE_SEED, 'pglite'), join(PGLITE_RUN, 'pglite'), { recursive: true });
  return openDatabase({ dataDir: join(PGLITE_RUN, 'pglite') });
}

/** Seed the demo city into a new database, and close it. */
async function seeded(database: Database, label: string): Promise<void> {
  console.log(`${label}: seeding the demo city once (kept for later runs) …`);
  const ctx = await createContext({ ...loadConfig(), logLevel: 'warn', dataDir: PGLITE_SEED }, database);
  if (!(await isDemoSeeded(ctx))) await seedDemo(ctx);
  await stopModules(ctx);
  await database.close();
}

/** Random points across the city: uniform in random grids' boxes, kept when they locate back to that grid. */
async function samplePoints(ctx: AppContext, n: number): Promise<{ lon: number; lat: number }[]> {
  const grids = await ctx.db
    .selectFrom('region')
    .select(['code', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
    .where('level', '=', 'grid')
    .where('retired_at', 'is', null)
    .execute();
  const points: { lon: number; lat: number }[] = [];
  while (points.length < n) {
    const g = grids[Math.floor(Math.random() * grids.length)] as (typeof grids)[number];
    const [x0, y0, x1, y1] = [g.min_lon ?? 0, g.min_lat ?? 0, g.max_lon ?? 0, g.max_lat ?? 0];
    const p = { lon: x0 + Math.random() * (x1 - x0), lat: y0 + Math.random() * (y1 - y0) };
    if ((await ctx.services.regions.locator.locate(p.lon, p.lat)) === g.code) points.push(p);
  }
  return points;
}

/** Resident-facing categories that ask for no required attributes, drawn at random per report. */
const CATEGORIES = [
  'request.street_light',
  'request.road',
  'request.manhole',
  'request.sanitation',
  'request.greening',
  'request.parking',
  'request.street_vending',
  'request.water_heating',
  'request.illegal_construction',
];
const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** CLIENTS clients posting reports for SECONDS to the real server, in a process of its own. */
async function httpIntake(
  env: Record<string, string>,
  points: { lon: number; lat: number }[],
  naive = false,
) {
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(env, port, naive ? 'bench/naive-intake-server.ts' : undefined);
  try {
    const session = naive ? {} : await login(base, 'gridworker');
    const headers = { ...session, 'content-type': 'application/json' };
    let i = 0;
    const result = await autocannon({
      url: base,
      connections: CLIENTS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/cases',
          setupRequest(req) {
            const n = i++;
            const point = points[n % points.length] as { lon: number; lat: number };
            return {
              ...req,
              headers: {
                ...headers,
                prefer: 'return=minimal',
                'idempotency-key': `bench-${process.pid}-${Date.now()}-${n}`,
              },
              body: JSON.stringify({
                kind: 'request',
                category: CATEGORIES[n % CATEGORIES.length],
                description: `现场发现问题，请尽快处理 #${n}`,
                location: point,
                reporter: { name: '王五', phone: phone() },
                channel: 'field',
              }),
            };
          },
        },
      ],
    });
    const ok = result['2xx'];
    return {
      perSecond: ok / SECONDS,
      ok,
      errors: result.non2xx + result.errors,
      p50: result.latency.p50,
      p99: result.latency.p99,
      rss: peakRssMiB(server.pid as number),
    };
  } finally {
    await stopServer(server);
  }
}

/** The reference: CLIENTS workers, each inserting one case row per transaction, for SECONDS. */
async function naiveInserts(ctx: AppContext) {
  const started = Date.now();
  let done = 0;
  const stop = started + SECONDS * 1000;
  const worker = async (w: number) => {
    while (Date.now() < stop) {
      const n = done++;
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('cases')
          .values({
            city_code: '120000000000',
            district_code: '120101000000',
            number: `bench-${process.pid}-${w}-${n}`,
            kind: 'request',
            category_code: 'request.street_light',
            attributes: '{}',
            title: '路灯不亮',
            description: `naive #${n}`,
            channel: 'field',
            status: 'reported',
            level: 'community',
          })
          .execute();
      });
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, w) => worker(w)));
  return { perSecond: done / ((Date.now() - started) / 1000), ok: done };
}

async function measure(label: string, database: Database, serverEnv: Record<string, string>) {
  const config = { ...loadConfig(), logLevel: 'warn', dataDir: PGLITE_RUN };
  const ctx = await createContext(config, database);
  const points = await samplePoints(ctx, 20_000);
  const naive = await naiveInserts(ctx);
  await stopModules(ctx);
  await database.close();
  const naiveHttp = await httpIntake(serverEnv, points, true);
  const api = await httpIntake(serverEnv, points);
  return [
    {
      database: label,
      what: 'naive INSERT per transaction',
      'cases/s': naive.perSecond,
      ok: naive.ok,
      errors: 0,
      'p50 ms': '',
      'p99 ms': '',
      ratio: 1,
      'server RSS MiB': '',
    },
    {
      database: label,
      what: 'naive over HTTP (bare server)',
      'cases/s': naiveHttp.perSecond,
      ok: naiveHttp.ok,
      errors: naiveHttp.errors,
      'p50 ms': naiveHttp.p50,
      'p99 ms': naiveHttp.p99,
      ratio: naiveHttp.perSecond / naive.perSecond,
      'server RSS MiB': Math.round(naiveHttp.rss),
    },
    {
      database: label,
      what: 'HTTP intake (full pipeline)',
      'cases/s': api.perSecond,
      ok: api.ok,
      errors: api.errors,
      'p50 ms': api.p50,
      'p99 ms': api.p99,
      ratio: api.perSecond / naive.perSecond,
      'server RSS MiB': Math.round(api.rss),
    },
  ];
}

const rows = [];
if (only('PGlite'))
  rows.push(...(await measure('PGlite', await openPglite(), { DATA_DIR: PGLITE_RUN, DATABASE_URL: '' })));
if (only('PostgreSQL') && PG_URL)
  rows.push(
    ...(await measure('PostgreSQL', await openPg(), { DATABASE_URL: databaseUrlFor(PG_URL, PG_RUN) })),
  );
if (!PG_URL) console.log('PostgreSQL left out: set DATABASE_URL to a server we may create databases on');
console.log(`\nintake: ${CLIENTS} concurrent clients, ${SECONDS} s each`);
printTable(rows);
