/**
 * Mixed HTTP load on loopback against the real server on a generated PostgreSQL city:
 * 70% inbox and case reads, 20% actions (a note on a case), 10% dashboard. Reports
 * throughput, p50/p99 latency, errors and the server's peak resident memory (VmHWM).
 *
 *   tsx bench/load.bench.ts              50 clients for 10 s on cg_bench_100k
 *   tsx bench/load.bench.ts --full       200 clients for 60 s on cg_bench_1m
 *   … --db cg_bench_10m --connections 200 --seconds 60
 */
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase } from '../packages/server/src/db/database.ts';
import { databaseUrlFor } from '../packages/server/test/pg-admin.ts';
import { ensurePgDatabase } from './dashboard.bench.ts';
import { freePort, login, peakRssMiB, startServer, stopServer } from './server-process.ts';

const PG_URL = process.env.DATABASE_URL ?? '';
const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/** Each request kind alone, one at a time: where a request's time goes before any queueing. */
async function singleRequests(base: string, kinds: [string, () => string, Record<string, string>][]) {
  const rows = [];
  for (const [what, path, headers] of kinds) {
    const ms: number[] = [];
    for (let i = 0; i < 25; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path()}`, { headers });
      await res.arrayBuffer();
      if (i >= 5) ms.push(performance.now() - t0);
      if (!res.ok) throw new Error(`${what}: HTTP ${res.status}`);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => (ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number).toFixed(1);
    rows.push({ request: what, 'p50 ms': at(0.5), 'p95 ms': at(0.95) });
  }
  return rows;
}

export async function runLoadBench(options: { full: boolean }) {
  if (!PG_URL) {
    console.log('mixed load left out: set DATABASE_URL to a PostgreSQL server we may create databases on');
    return null;
  }
  const name = arg('--db') ?? (options.full ? 'cg_bench_1m' : 'cg_bench_100k');
  const connections = Number(arg('--connections') ?? (options.full ? 200 : 50));
  const seconds = Number(arg('--seconds') ?? (options.full ? 60 : 10));
  await ensurePgDatabase(name, options.full ? 1_000_000 : 100_000);
  const url = databaseUrlFor(PG_URL, name);
  const database = await openDatabase({ url });
  const ids = (
    await sql<{
      lo: number;
      hi: number;
      n: number;
    }>`select min(id) as lo, max(id) as hi, count(*)::int as n from cases`.execute(database.db)
  ).rows[0] as { lo: number; hi: number; n: number };
  const city = (
    await sql<{ code: string }>`select code from region where level = 'city' limit 1`.execute(database.db)
  ).rows[0]?.code as string;
  await database.close();

  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer({ DATABASE_URL: url }, port);
  try {
    const leader = await login(base, 'city_leader');
    const street = await login(base, 'street_op');
    const randomId = () => ids.lo + Math.floor(Math.random() * (ids.hi - ids.lo + 1));
    let n = 0;
    const read = (path: () => string, headers: Record<string, string>) => ({
      method: 'GET' as const,
      headers,
      setupRequest: (req: Record<string, unknown>) => ({ ...req, path: path() }),
    });
    const note = {
      method: 'POST' as const,
      headers: { ...leader, 'content-type': 'application/json' },
      setupRequest: (req: Record<string, unknown>) => ({
        ...req,
        path: `/api/v1/cases/${randomId()}/actions`,
        body: JSON.stringify({
          action: 'note',
          clientId: `bench-${process.pid}-${++n}`,
          payload: { text: '跟进情况' },
        }),
      }),
    };
    const dashboards = [
      `/api/v1/dashboard/summary?region=${city}`,
      `/api/v1/dashboard/children?region=${city}&figure=on_time_rate`,
      `/api/v1/dashboard/trend?region=${city}`,
    ];
    const requests = [
      read(() => '/api/v1/cases/inbox?limit=20', street),
      read(() => `/api/v1/cases/${randomId()}`, leader),
      read(() => '/api/v1/cases/inbox?step=to_handle&limit=20', street),
      read(() => `/api/v1/cases/${randomId()}`, leader),
      read(() => '/api/v1/cases?limit=20&status=handling', street),
      read(() => `/api/v1/cases/${randomId()}`, leader),
      read(() => '/api/v1/cases/inbox?limit=20', street),
      note,
      note,
      read(() => dashboards[Math.floor(Math.random() * dashboards.length)] as string, leader),
    ];
    const alone = await singleRequests(base, [
      ['inbox (all steps)', () => '/api/v1/cases/inbox?limit=20', street],
      ['inbox (to handle)', () => '/api/v1/cases/inbox?step=to_handle&limit=20', street],
      ['search (street, handling)', () => '/api/v1/cases?limit=20&status=handling', street],
      ['case detail', () => `/api/v1/cases/${randomId()}`, leader],
      ['dashboard summary (city)', () => dashboards[0] as string, leader],
      ['dashboard children (city)', () => dashboards[1] as string, leader],
      ['dashboard trend (city)', () => dashboards[2] as string, leader],
    ]);
    console.log('\nOne client, one request at a time (after a warm-up), ms');
    console.table(alone);
    const result = await autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: requests as never,
    });
    const rss = peakRssMiB(server.pid as number);
    const row = {
      database: `${name} (${ids.n} cases)`,
      clients: connections,
      seconds,
      'requests/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      errors: result.errors + result.timeouts,
      'non-2xx': result.non2xx,
      'server peak RSS MiB': Math.round(rss),
    };
    console.log('\nMixed load over HTTP (70% inbox/case reads, 20% actions, 10% dashboard)');
    console.table([row]);
    return row;
  } finally {
    await stopServer(server);
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runLoadBench({ full: process.argv.includes('--full') });
