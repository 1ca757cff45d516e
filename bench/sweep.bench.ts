/**
 * The overdue sweep with many open cases of which few are due: the sweeper claims due rows
 * through the partial index cases_due_idx (warn_at, open cases only), so its time follows the
 * due rows, not the table. Beside it, in the same run on the same data, a full-scan reference:
 * the same claim query with index scans turned off (what a sweep without the index would read).
 *
 *   tsx bench/sweep.bench.ts            PostgreSQL 1,000,000 open cases (when DATABASE_URL is set), PGlite 200,000
 *   tsx bench/sweep.bench.ts --full     PostgreSQL and PGlite 1,000,000
 *
 * 1,000 of the cases are overdue (each gets a red card, automatic supervision, a history row).
 * PostgreSQL: a scratch database cg_bench_sweep is made and dropped; PGlite runs in memory.
 */
import { sql } from 'kysely';
import { pino } from 'pino';
import { createCalendarService } from '../packages/server/src/cases/time/calendar-service.ts';
import { sweepDueCases } from '../packages/server/src/cases/time/sweeper.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { AppContext, Services } from '../packages/server/src/context.ts';
import { type Database, openDatabase } from '../packages/server/src/db/database.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { adminUrl, databaseUrlFor } from '../packages/server/test/pg-admin.ts';
import { printTable } from './measure.ts';

const full = process.argv.includes('--full');
const PG_URL = process.env.DATABASE_URL ?? '';
const DUE = 1000;
const SCRATCH = 'cg_bench_sweep';

/** The sweeper's claim (sweeper.ts), for EXPLAIN and the timed comparison. */
const claim = (now: Date) => sql<{ id: number }>`
  select id from cases
  where warn_at <= ${now} and warn_at is not null and closed_at is null
  order by warn_at limit 200 for update skip locked`;

async function fill(db: Database, open: number) {
  const stride = Math.floor(open / DUE);
  // Open cases over 2026; warn_at from an hour to a month ahead, except every stride-th: overdue.
  await sql`
    insert into cases (city_code, district_code, number, kind, category_code, title, channel, status, level,
                       current_unit_id, step, step_started_at, warn_at, due_at, reported_at, region_path)
    select '120000000000', '120101000000', 'B' || g, 'request', 'request.road', '路面破损', 'portal', 'handling',
           'community', null, 'handle', now() - interval '2 days',
           case when g % ${stride} = 0 then now() - interval '1 hour' else now() + (1 + g % 720) * interval '1 hour' end,
           case when g % ${stride} = 0 then now() - interval '10 minutes' else now() + (25 + g % 720) * interval '1 hour' end,
           timestamptz '2026-01-01 00:00+08' + (g % 320) * interval '1 day', '/120000000000/120101000000/'
    from generate_series(1, ${open}) g`.execute(db.db);
  await sql`analyze cases`.execute(db.db);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** Time the claim query in a transaction that is rolled back (nothing changes). */
async function claimMs(
  db: Database,
  now: Date,
  fullScan: boolean,
): Promise<{ ms: number; rows: number; plan: string }> {
  let out = { ms: 0, rows: 0, plan: '' };
  await db.db
    .transaction()
    .execute(async (trx) => {
      if (fullScan) {
        await sql`set local enable_indexscan = off`.execute(trx);
        await sql`set local enable_bitmapscan = off`.execute(trx);
        await sql`set local enable_indexonlyscan = off`.execute(trx);
      }
      const explain = await sql<{ 'QUERY PLAN': string }>`explain ${claim(now)}`.execute(trx);
      const t = await timed(() => claim(now).execute(trx));
      out = {
        ms: t.ms,
        rows: t.result.rows.length,
        plan: planSummary(explain.rows.map((r) => r['QUERY PLAN'])),
      };
      throw new RollbackSignal();
    })
    .catch((e) => {
      if (!(e instanceof RollbackSignal)) throw e;
    });
  return out;
}
class RollbackSignal extends Error {}

/** "Index Scan ×11 (…warn_at_idx)": the scan nodes of a plan over the partitions, counted. */
function planSummary(lines: string[]): string {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const m = /(Index Only Scan|Index Scan|Bitmap Heap Scan|Seq Scan)(?: using (\S+))?/.exec(line);
    if (!m) continue;
    const key = m[2] ? `${m[1]} (${m[2].replace(/^cases_p\w+?_/, 'cases_*_')})` : (m[1] as string);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(', ');
}

async function measure(label: string, db: Database, open: number) {
  console.log(`${label}: migrating and inserting ${open.toLocaleString('en-US')} open cases …`);
  await migrate(db);
  const fillTime = await timed(() => fill(db, open));
  console.log(`${label}: filled in ${(fillTime.ms / 1000).toFixed(1)} s`);
  const ctx = {
    config: loadConfig(),
    database: db,
    db: db.db,
    log: pino({ level: 'warn' }),
    services: {} as Services,
  } as AppContext;
  const calendar = await createCalendarService(ctx);
  ctx.services.calendar = calendar;
  const now = new Date();
  // warm the caches the same way for both
  await claimMs(db, now, false);
  await claimMs(db, now, true);
  const indexed = await claimMs(db, now, false);
  const scanned = await claimMs(db, now, true);
  console.log(`${label} plan, index: ${indexed.plan}`);
  console.log(`${label} plan, reference: ${scanned.plan}`);
  const sweep = await timed(() => sweepDueCases(ctx, { now }));
  const after = await claimMs(db, now, false);
  calendar.stop();
  return [
    {
      database: label,
      measure: 'claim 200 due (index)',
      cases: open,
      rows: indexed.rows,
      ms: indexed.ms,
      'vs reference': scanned.ms / indexed.ms,
    },
    {
      database: label,
      measure: 'claim 200 due (full scan, reference)',
      cases: open,
      rows: scanned.rows,
      ms: scanned.ms,
      'vs reference': 1,
    },
    {
      database: label,
      measure: `whole sweep of ${DUE} due (red card, supervision, history)`,
      cases: open,
      rows: sweep.result.red,
      ms: sweep.ms,
      'vs reference': '',
    },
    {
      database: label,
      measure: 'claim after the sweep (nothing due)',
      cases: open,
      rows: after.rows,
      ms: after.ms,
      'vs reference': '',
    },
  ];
}

const results: Record<string, string | number>[] = [];
if (PG_URL) {
  const admin = await openDatabase({ url: adminUrl(PG_URL) });
  await admin.exec(`drop database if exists ${SCRATCH}`);
  await admin.exec(`create database ${SCRATCH}`);
  const db = await openDatabase({ url: databaseUrlFor(PG_URL, SCRATCH) });
  try {
    results.push(...(await measure('PostgreSQL', db, 1_000_000)));
  } finally {
    await db.close();
    await admin.exec(`drop database if exists ${SCRATCH}`);
    await admin.close();
  }
} else {
  console.log('DATABASE_URL is not set: PostgreSQL left out');
}
{
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    results.push(...(await measure('PGlite', db, full ? 1_000_000 : 200_000)));
  } finally {
    await db.close();
  }
}
printTable(results);
