/**
 * Mixed HTTP load on loopback against the real server on a generated PostgreSQL city:
 * 70% inbox and case reads, 20% actions (a note on a case), 10% dashboard. Reports
 * throughput, p50/p99 latency, errors and the server's peak resident memory (VmHWM).
 *
 *   tsx bench/load.bench.ts              50 clients for 10 s on cg_bench_100k
 *   tsx bench/load.bench.ts --full       200 clients for 60 s on cg_bench_1m
 *   … --db cg_bench_10m --connections 200 --seconds 60
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase } from '../packages/server/src/db/database.ts';
import { DEMO_PASSWORD } from '../packages/server/src/identity/seed.ts';
import { databaseUrlFor } from '../packages/server/test/pg-admin.ts';
import { ensurePgDatabase } from './dashboard.bench.ts';

const ROOT = join(import.meta.dirname, '..');
const PG_URL = process.env.DATABASE_URL ?? '';
const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      DEMO: '0',
      LOG_LEVEL: 'error',
      DB_POOL_MAX: '20',
    },
    stdio: 'ignore', // the table below is the result; the server's own log is not
  });
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the server did not start');
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': body.csrfToken };
}

/** VmHWM of a process: its peak resident memory, in MiB. */
const peakRssMiB = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

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

  const port = 3900 + Math.floor(Math.random() * 50);
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(url, port);
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
    server.kill('SIGTERM');
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runLoadBench({ full: process.argv.includes('--full') });
