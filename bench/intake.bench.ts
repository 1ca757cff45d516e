/**
 * Case intake throughput through the HTTP API (POST /api/v1/cases with locate, routing, deadline,
 * duplicate check, reporter's personal data and history row) on PGlite and PostgreSQL, beside a
 * naive reference measured in the same run on the same database: one INSERT into cases per
 * request, each in its own transaction, from the same number of concurrent clients.
 *
 *   tsx bench/intake.bench.ts            10 s per measurement, 32 concurrent clients
 *   tsx bench/intake.bench.ts --full     30 s per measurement, 64 concurrent clients
 *
 * Databases: PostgreSQL `cg_bench_intake` on DATABASE_URL's server (only when DATABASE_URL is
 * set; seeded once with the demo city and kept), PGlite under .data/bench-intake (likewise).
 * Commits are durable (synchronous_commit as the server has it; PGlite as configured).
 */
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createContext, isDemoSeeded, seedDemo } from '../packages/server/src/bootstrap.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { AppContext } from '../packages/server/src/context.ts';
import { type Database, openDatabase } from '../packages/server/src/db/database.ts';
import { buildApp, stopModules } from '../packages/server/src/http/app.ts';
import { adminUrl, databaseUrlFor } from '../packages/server/test/pg-admin.ts';
import { printTable } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');
const full = process.argv.includes('--full');
const SECONDS = full ? 30 : 10;
const CLIENTS = full ? 64 : 32;
const PG_URL = process.env.DATABASE_URL ?? '';
const only = (name: string) => !process.argv.includes('--pg-only') || name === 'PostgreSQL';

async function openPg(): Promise<Database> {
  const name = 'cg_bench_intake';
  const admin = await openDatabase({ url: adminUrl(PG_URL) });
  const exists = await sql`select 1 from pg_database where datname = ${name}`.execute(admin.db);
  if (exists.rows.length === 0) await admin.exec(`create database ${name}`);
  await admin.close();
  return openDatabase({ url: databaseUrlFor(PG_URL, name) });
}
const openPglite = () => openDatabase({ dataDir: join(ROOT, '.data', 'bench-intake') });

/** Points inside demo grids across the city (bounding-box centres that locate back to their grid). */
async function samplePoints(ctx: AppContext, n: number): Promise<{ lon: number; lat: number }[]> {
  const grids = await ctx.db
    .selectFrom('region')
    .select(['code', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
    .where('level', '=', 'grid')
    .orderBy(sql`md5(code)`)
    .limit(n * 3)
    .execute();
  const points: { lon: number; lat: number }[] = [];
  for (const g of grids) {
    const p = {
      lon: ((g.min_lon ?? 0) + (g.max_lon ?? 0)) / 2,
      lat: ((g.min_lat ?? 0) + (g.max_lat ?? 0)) / 2,
    };
    if ((await ctx.services.regions.locator.locate(p.lon, p.lat)) === g.code) points.push(p);
    if (points.length >= n) break;
  }
  return points;
}

async function httpIntake(ctx: AppContext, points: { lon: number; lat: number }[]) {
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'gridworker', password: 'Demo@2026' },
  });
  const cookie = `cg_session=${login.cookies.find((c) => c.name === 'cg_session')?.value}`;
  const headers = {
    cookie,
    'x-csrf-token': login.json().csrfToken as string,
    'content-type': 'application/json',
  };
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
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
              category: 'request.street_light',
              description: `路灯不亮 #${n}`,
              location: point,
              reporter: { name: '王五', phone: `139${String(n % 1e8).padStart(8, '0')}` },
              channel: 'field',
            }),
          };
        },
      },
    ],
  });
  await app.close();
  const ok = result['2xx'];
  return {
    perSecond: ok / SECONDS,
    ok,
    errors: result.non2xx + result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
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

async function measure(label: string, database: Database) {
  const config = { ...loadConfig(), logLevel: 'warn', dataDir: join(ROOT, '.data', 'bench-intake-files') };
  const ctx = await createContext(config, database);
  if (!(await isDemoSeeded(ctx))) {
    console.log(`${label}: seeding the demo city once (kept for later runs) …`);
    await seedDemo(ctx);
  }
  const points = await samplePoints(ctx, 2000);
  const naive = await naiveInserts(ctx);
  const api = await httpIntake(ctx, points);
  await stopModules(ctx);
  await database.close();
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
    },
  ];
}

const rows = [];
if (only('PGlite')) rows.push(...(await measure('PGlite', await openPglite())));
if (only('PostgreSQL') && PG_URL) rows.push(...(await measure('PostgreSQL', await openPg())));
if (!PG_URL) console.log('PostgreSQL left out: set DATABASE_URL to a server we may create databases on');
console.log(`\nintake: ${CLIENTS} concurrent clients, ${SECONDS} s each`);
printTable(rows);
