/**
 * Dashboard queries from the rollups beside the same figures by a plain GROUP BY over the
 * cases, at city, district and street scope, over 30 days and a year.
 *
 *   tsx bench/dashboard.bench.ts            PostgreSQL 100k cases (when DATABASE_URL is set), PGlite 20k
 *   tsx bench/dashboard.bench.ts --full     PostgreSQL 1M and 10M, PGlite 1M
 *
 * Databases are generated with `npm run gen` when missing (PostgreSQL: cg_bench_<size>, kept for
 * later runs; PGlite: .data/bench-<size>).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { lastDays, periodBoundsUtc } from '../packages/server/src/dashboard/domain/period.ts';
import { rollupDay } from '../packages/server/src/dashboard/domain/rollup-contribution.ts';
import { FIGURE_SQL } from '../packages/server/src/dashboard/rollups.ts';
import { createDashboardService } from '../packages/server/src/dashboard/service.ts';
import { type Database, openDatabase } from '../packages/server/src/db/database.ts';
import type { Actor } from '../packages/server/src/identity/actor.ts';
import { adminUrl, databaseUrlFor } from '../packages/server/test/pg-admin.ts';

const ROOT = join(import.meta.dirname, '..');
const full = process.argv.includes('--full');
/** `--pg 1000000,10000000` / `--pglite 20000`: choose the sizes (default: by --full). */
const sizesArg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0
    ? (process.argv[i + 1] ?? '')
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
    : null;
};
/** A PostgreSQL server we may create databases on; without it only PGlite is measured. */
const PG_URL = process.env.DATABASE_URL ?? '';

interface Target {
  label: string;
  open(): Promise<Database>;
  cases: number;
}

function gen(env: NodeJS.ProcessEnv, cases: number) {
  console.log(`generating ${cases} cases (npm run gen) …`);
  execFileSync('npx', ['tsx', 'packages/server/src/gen/cli.ts', '--cases', String(cases), '--years', '3'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
}

/** Make sure PostgreSQL database `name` exists, generating `cases` cases into it when it is new. */
export async function ensurePgDatabase(name: string, cases: number): Promise<string> {
  const url = databaseUrlFor(PG_URL, name);
  const admin = await openDatabase({ url: adminUrl(PG_URL) });
  const exists = await sql`select 1 from pg_database where datname = ${name}`.execute(admin.db);
  if (exists.rows.length === 0) {
    await admin.exec(`create database ${name}`);
    gen({ DATABASE_URL: url }, cases);
  }
  await admin.close();
  return url;
}

async function pgTarget(cases: number): Promise<Target> {
  const name = `cg_bench_${cases >= 1e6 ? `${cases / 1e6}m` : `${cases / 1e3}k`}`;
  return {
    label: 'PostgreSQL',
    cases,
    async open() {
      return openDatabase({ url: await ensurePgDatabase(name, cases) });
    },
  };
}

function pgliteTarget(cases: number): Target {
  const dir = join(ROOT, '.data', `bench-${cases}`);
  return {
    label: 'PGlite',
    cases,
    async open() {
      if (!existsSync(join(dir, 'pglite'))) gen({ DATABASE_URL: '', DATA_DIR: dir }, cases);
      return openDatabase({ dataDir: join(dir, 'pglite') });
    },
  };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
async function time(reps: number, f: () => Promise<unknown>) {
  await f(); // warm
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

async function benchOne(target: Target) {
  const database = await target.open();
  const db = database.db;
  const city = (
    await sql<{
      code: string;
      path: string;
    }>`select code, path from region where level = 'city' limit 1`.execute(db)
  ).rows[0] as { code: string; path: string };
  const busiest = async (level: 'district' | 'street', within: string) =>
    (
      await sql<{ code: string; path: string }>`
      select r.code, r.path from case_rollup_daily d join region r on r.code = d.region_code
      where d.level = ${level} and r.path like ${`${within}%`} group by r.code, r.path order by sum(d.received) desc limit 1`.execute(
        db,
      )
    ).rows[0] as { code: string; path: string };
  const district = await busiest('district', city.path);
  const street = await busiest('street', district.path);
  const actor: Actor = {
    kind: 'staff',
    userId: 0,
    username: 'bench',
    displayName: 'bench',
    posts: [],
    roles: ['leader'],
    regionPaths: [city.path],
    unitIds: [],
    via: 'token',
  };
  const service = createDashboardService(db);
  const today = rollupDay(new Date());
  const rows: string[][] = [];
  const reps = target.cases >= 5e6 ? 20 : 40;
  const plainReps = target.cases >= 5e6 ? 3 : 8;
  for (const [scope, region] of [
    ['city', city],
    ['district', district],
    ['street', street],
  ] as const) {
    for (const days of [30, 365]) {
      const p = lastDays(today, days);
      const q = { region: region.code, from: p.from, to: p.to };
      const prev = periodBoundsUtc({ from: lastDays(p.from, days + 1).from, to: p.from });
      const { end } = periodBoundsUtc(p);
      const ours = await time(reps, () => service.summary(actor, q));
      // the same figures (this period and the one before) by a plain GROUP BY over the cases
      const plain = await time(plainReps, () =>
        sql`
        select reported_at >= ${periodBoundsUtc(p).start} as current, ${sql.raw(FIGURE_SQL)} from cases
        where region_path like ${`${region.path}%`} and reported_at >= ${prev.start} and reported_at < ${end}
        group by 1`.execute(db),
      );
      const check = await service.summary(actor, q);
      const ref = (
        await sql<{ received: number }>`select count(*)::int as received from cases
        where region_path like ${`${region.path}%`} and reported_at >= ${periodBoundsUtc(p).start} and reported_at < ${end}`.execute(
          db,
        )
      ).rows[0];
      const same = check.figures.received === Number(ref?.received) ? 'yes' : 'NO';
      rows.push([
        target.label,
        String(target.cases),
        scope,
        `${days}d`,
        'summary',
        ours.p50.toFixed(1),
        ours.p95.toFixed(1),
        plain.p50.toFixed(0),
        plain.p95.toFixed(0),
        `${(plain.p50 / ours.p50).toFixed(0)}×`,
        same,
      ]);
    }
  }
  const p = lastDays(today, 365);
  const kids = await time(reps, () =>
    service.children(actor, {
      region: city.code,
      from: p.from,
      to: p.to,
      figure: 'on_time_rate',
      order: 'asc',
      limit: 100,
    }),
  );
  const kidsPlain = await time(plainReps, () =>
    sql`select district_code, ${sql.raw(FIGURE_SQL)} from cases
    where reported_at >= ${periodBoundsUtc(p).start} and reported_at < ${periodBoundsUtc(p).end} group by 1`.execute(
      db,
    ),
  );
  rows.push([
    target.label,
    String(target.cases),
    'city',
    '365d',
    'children',
    kids.p50.toFixed(1),
    kids.p95.toFixed(1),
    kidsPlain.p50.toFixed(0),
    kidsPlain.p95.toFixed(0),
    `${(kidsPlain.p50 / kids.p50).toFixed(0)}×`,
    '',
  ]);
  const trend = await time(reps, () =>
    service.trend(actor, { region: district.code, from: p.from, to: p.to }),
  );
  rows.push([
    target.label,
    String(target.cases),
    'district',
    '365d',
    'trend',
    trend.p50.toFixed(1),
    trend.p95.toFixed(1),
    '',
    '',
    '',
    '',
  ]);
  await database.close();
  return rows;
}

export async function runDashboardBench(options: { full: boolean }) {
  const pg = PG_URL ? (sizesArg('--pg') ?? (options.full ? [1_000_000, 10_000_000] : [100_000])) : [];
  if (!PG_URL) console.log('PostgreSQL left out: set DATABASE_URL to a server we may create databases on');
  const lite = sizesArg('--pglite') ?? (options.full ? [1_000_000] : [20_000]);
  const targets: Target[] = [...(await Promise.all(pg.map(pgTarget))), ...lite.map(pgliteTarget)];
  const header = [
    'database',
    'cases',
    'scope',
    'period',
    'query',
    'ours p50 ms',
    'ours p95 ms',
    'plain p50 ms',
    'plain p95 ms',
    'plain/ours (p50)',
    'same received',
  ];
  const rows: string[][] = [];
  for (const t of targets) rows.push(...(await benchOne(t)));
  console.log('\nDashboard: rollups (our service) beside a plain GROUP BY over cases');
  console.table(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await runDashboardBench({ full });
