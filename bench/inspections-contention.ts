/**
 * Concurrent visits against the campaign board's counters (PostgreSQL): every visit of the running
 * city-wide campaign adds to its grid's, street's, district's and the city's board rows in the
 * visit's transaction, so concurrent visits meet on the city row. Runs the real server on the
 * inspections bench database, has the demo inspector record visits (every item passing, so a
 * place's first visit of the campaign counts as visited) from 1 and then N clients, and samples
 * pg_stat_activity for sessions waiting on a lock meanwhile.
 *
 *   DATABASE_URL=…/postgres tsx bench/inspections-contention.ts [--clients 16] [--visits 320]
 *     [--db cg_bench_inspections_100k_300k]
 *
 * Writes visits into that database (the places used are ones the campaign had not visited).
 */

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { openDatabase } from '../packages/server/src/db/database.ts';
import type { DB } from '../packages/server/src/db/schema.ts';
import { databaseUrlFor } from '../packages/server/test/pg-admin.ts';
import { PG_URL, sizesArg } from './contracts-data.ts';
import { freePort, login, startServer, stopServer } from './server-process.ts';

const CLIENTS = sizesArg('--clients')?.[0] ?? 16;
const VISITS = sizesArg('--visits')?.[0] ?? 320;
const at = process.argv.indexOf('--db');
const DB_NAME = at > 0 ? (process.argv[at + 1] as string) : 'cg_bench_inspections_100k_300k';
const CAMPAIGN = '城市安全隐患排查整治专项行动';

/**
 * Run `work` over the items from `clients` workers at once, sampling every 10 ms the sessions of
 * the database that wait on a lock (by what they wait for): wall time, visits a second, latency.
 */
async function timedRuns<T>(
  db: Kysely<DB>,
  name: string,
  clients: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
) {
  const waits = new Map<string, number>();
  let samples = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const r = await sql<{ what: string; n: number }>`
        select coalesce(l.locktype, a.wait_event) || ': ' || left(regexp_replace(a.query, '[[:space:]]+', ' ', 'g'), 40) as what, count(*)::int as n
        from pg_stat_activity a left join pg_locks l on l.pid = a.pid and not l.granted
        where a.datname = ${name} and a.wait_event_type = 'Lock' group by 1`.execute(db);
      samples++;
      for (const w of r.rows) waits.set(w.what, (waits.get(w.what) ?? 0) + w.n);
      await new Promise((res) => setTimeout(res, 10));
    }
  })();
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        const s = performance.now();
        await work(item);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  sampling = false;
  await sampler;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  const waiting = [...waits.values()].reduce((a, b) => a + b, 0);
  return {
    visits: items.length,
    'wall s': (wall / 1000).toFixed(1),
    'visits/s': (items.length / (wall / 1000)).toFixed(1),
    'p50 ms': q(0.5),
    'p95 ms': q(0.95),
    samples,
    'sessions waiting on a lock (mean per sample)': (waiting / Math.max(1, samples)).toFixed(2),
    'lock kinds': [...waits].map(([k, n]) => `${k} ${n}`).join(', ') || 'none',
  };
}

if (!PG_URL) throw new Error('set DATABASE_URL to the PostgreSQL server of the bench database');
const url = databaseUrlFor(PG_URL, DB_NAME);
const database = await openDatabase({ url });
const db = database.db;
const campaign = (
  await sql<{ id: number; place_types: string[] }>`
    select id, place_types from campaign where name = ${CAMPAIGN} order by id desc limit 1`.execute(db)
).rows[0];
if (!campaign) throw new Error(`no campaign ${CAMPAIGN} in ${DB_NAME}`);
// places of the inspector's district (和平区) the campaign has not visited, of a type with a checklist
const places = (
  await sql<{
    id: number;
    place_type: string;
    template_id: number;
    items: { code: string; answerType: string; min?: number }[];
  }>`
    select p.id, p.place_type, t.id as template_id, t.items from place p
    join lateral (select id, items from checklist_template t where t.place_type = case
      when p.place_type in ('shop', 'restaurant', 'workshop') then 'small_venue' else p.place_type end
      order by version desc limit 1) t on true
    where p.region_path like '120000000000/120101000000/%' and p.retired_at is null
      and p.place_type = any(${campaign.place_types}::text[])
      and not exists (select 1 from inspection i where i.campaign_id = ${campaign.id} and i.place_id = p.id)
    order by random() limit ${VISITS * 2}`.execute(db)
).rows;
if (places.length < VISITS * 2) throw new Error(`only ${places.length} unvisited places`);

const port = freePort();
const server = await startServer({ DATABASE_URL: url }, port);
const base = `http://127.0.0.1:${port}`;
try {
  const headers = { ...(await login(base, 'inspector')), 'content-type': 'application/json' };
  const visit = async (p: (typeof places)[number]) => {
    const res = await fetch(`${base}/api/v1/inspections`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        placeId: Number(p.id),
        templateId: Number(p.template_id),
        campaignId: Number(campaign.id),
        answers: p.items.map((i) =>
          i.answerType === 'count'
            ? { itemCode: i.code, outcome: 'pass', value: i.min ?? 1 }
            : { itemCode: i.code, outcome: 'pass' },
        ),
      }),
    });
    if (!res.ok) throw new Error(`visit ${p.id}: ${res.status} ${await res.text()}`);
  };
  const rows = [];
  for (const [clients, batch] of [
    [1, places.slice(0, VISITS)],
    [CLIENTS, places.slice(VISITS)],
  ] as const)
    rows.push({ clients, ...(await timedRuns(db, DB_NAME, clients, batch, visit)) });
  console.log(`\nConcurrent visits of the running campaign (${DB_NAME}, PostgreSQL, real server)`);
  console.table(rows);
} finally {
  await stopServer(server);
  await database.close();
}
