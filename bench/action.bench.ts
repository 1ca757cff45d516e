/**
 * Workflow actions on a generated city, in-process through the real HTTP routes (app.inject):
 * each client reports a neighbour dispute in the demo grid and walks it through accept → note →
 * start → resolve → verify_pass, one client and then 32 at once. Prints p50/p95 per action and
 * the round trips each action sends to the database (statements incl. begin/commit, counted by
 * the drivers, with the after-commit notification work the action causes), and the CPU the
 * server process spends per action (process.cpuUsage, user + system: the routes, the engine and,
 * on PGlite, the database itself, which runs in the process; PostgreSQL's own CPU is not in it).
 *
 *   tsx bench/action.bench.ts                 20,000-case city: PGlite, and PostgreSQL when DATABASE_URL is set
 *   tsx bench/action.bench.ts --full          1,000,000-case city
 *   tsx bench/action.bench.ts --cases 100000 --rounds 40
 *   tsx bench/action.bench.ts --cases 1000000 --pg-only   (or --pglite-only)
 *   tsx bench/action.bench.ts --cases 1000000 --pglite-only --data-dir /work/bench-data/bench-action-1m
 *
 * Cities are generated with `npm run gen` when missing (PostgreSQL cg_bench_action_<size>,
 * PGlite .data/bench-action-<size>) and kept; each run adds its cases to them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createContext } from '../packages/server/src/bootstrap.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { roundTrips } from '../packages/server/src/db/round-trips.ts';
import { buildApp, stopModules } from '../packages/server/src/http/app.ts';
import { type LoggedIn, loginAs } from '../packages/server/test/login.ts';
import { ensurePgDatabase } from './dashboard.bench.ts';
import { printTable } from './measure.ts';

process.env.CASES_PERIODIC_MS = '0'; // no sweeper in the counts
const ROOT = join(import.meta.dirname, '..');
const full = process.argv.includes('--full');
const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const CASES = Number(arg('--cases') ?? (full ? 1_000_000 : 20_000));
const ROUNDS = Number(arg('--rounds') ?? (full ? 60 : 25));
const CLIENTS = 32;
const PG_URL = process.env.DATABASE_URL ?? '';
const size = CASES >= 1e6 ? `${CASES / 1e6}m` : `${CASES / 1e3}k`;

const STEPS = [
  ['accept', 'community_op', {}],
  ['note', 'community_op', { text: '已联系双方，约定明日调解' }],
  ['start', 'community_op', {}],
  ['resolve', 'community_op', { result: '双方达成和解' }],
  ['verify_pass', 'gridworker', {}],
] as const;

/** Wait until no statement has been sent for a few event-loop turns (after-commit work done). */
async function drained() {
  let last = -1;
  let quiet = 0;
  while (quiet < 5) {
    await new Promise((r) => setTimeout(r, 2));
    quiet = roundTrips.count === last ? quiet + 1 : 0;
    last = roundTrips.count;
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

async function walk(
  app: FastifyInstance,
  u: Record<string, LoggedIn>,
  grid: string,
  seq: string,
  record: (action: string, ms: number, cpuMs: number) => void,
  counted?: Map<string, number[]>,
) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: u.gridworker?.headers,
    payload: {
      kind: 'dispute',
      category: 'dispute.neighbour',
      attributes: { parties_count: 2, risk_level: 'low' },
      description: '楼上装修噪声扰民',
      gridCode: grid,
      channel: 'field',
    },
  });
  if (created.statusCode !== 201) throw new Error(`intake ${created.statusCode} ${created.body}`);
  const id = (created.json() as { id: number }).id;
  for (const [i, [action, who, payload]] of STEPS.entries()) {
    if (counted) await drained();
    const trips = roundTrips.count;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions`,
      headers: u[who]?.headers,
      payload: { action, clientId: `bench-${seq}-${i}`, payload },
    });
    const cpu = process.cpuUsage(cpu0);
    record(action, performance.now() - t0, (cpu.user + cpu.system) / 1000);
    if (res.statusCode !== 200) throw new Error(`${action} ${res.statusCode} ${res.body}`);
    if (counted) {
      await drained();
      counted.set(action, [...(counted.get(action) ?? []), roundTrips.count - trips]);
    }
  }
}

async function benchTarget(label: string, env: { databaseUrl?: string; dataDir?: string }) {
  const { databaseUrl: _ignored, ...base } = loadConfig();
  const config = { ...base, logLevel: 'warn', demo: false, ...env };
  const ctx = await createContext(config);
  const app = await buildApp(ctx, { logger: false });
  try {
    const n =
      (await sql<{ n: number }>`select count(*)::int as n from cases`.execute(ctx.db)).rows[0]?.n ?? 0;
    const u = {
      gridworker: await loginAs(app, 'gridworker'),
      community_op: await loginAs(app, 'community_op'),
    };
    const grid = u.gridworker.regionPaths[0]?.split('/').filter(Boolean).at(-1) ?? '';
    const run = `${process.pid}-${Date.now()}`;
    await walk(app, u, grid, `${run}-warm`, () => {}); // warm caches and prepared statements

    // round trips: each action alone, with the statements it causes after commit (notifications)
    const counted = new Map<string, number[]>();
    for (let r = 0; r < 5; r++) await walk(app, u, grid, `${run}-count-${r}`, () => {}, counted);
    // one client, one action at a time
    const ms = new Map<string, number[]>();
    const cpuMs = new Map<string, number[]>();
    for (let r = 0; r < ROUNDS; r++)
      await walk(app, u, grid, `${run}-one-${r}`, (a, t, c) => {
        ms.set(a, [...(ms.get(a) ?? []), t]);
        cpuMs.set(a, [...(cpuMs.get(a) ?? []), c]);
      });
    const tripRows = STEPS.map(([action]) => ({
      action,
      'round trips': pct(counted.get(action) ?? [], 50),
      'p50 ms (1 client)': pct(ms.get(action) ?? [], 50),
      'p95 ms (1 client)': pct(ms.get(action) ?? [], 95),
      'CPU ms p50 (1 client)': pct(cpuMs.get(action) ?? [], 50),
    }));
    // 32 clients at once
    const all: number[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, c) =>
        (async () => {
          for (let r = 0; r < Math.max(1, Math.floor(ROUNDS / 8)); r++)
            await walk(app, u, grid, `${run}-many-${c}-${r}`, (_a, t) => all.push(t));
        })(),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // the 32 clients' CPU also pays for their intakes (one report per walk of 5 actions)
    const total = STEPS.reduce((s, [a]) => s + pct(counted.get(a) ?? [], 50), 0);
    console.log(
      `\n${label}, ${n.toLocaleString('en-US')} cases; load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    printTable(tripRows);
    printTable([
      {
        clients: CLIENTS,
        actions: all.length,
        'actions/s': all.length / seconds,
        'p50 ms': pct(all, 50),
        'p95 ms': pct(all, 95),
        'round trips / action (mean)': total / STEPS.length,
        'CPU ms / action (incl. intake)': (cpu.user + cpu.system) / 1000 / all.length,
      },
    ]);
  } finally {
    await app.close();
    await stopModules(ctx);
    await ctx.database.close();
  }
}

function gen(env: Record<string, string>) {
  console.log(`generating ${CASES} cases (npm run gen) …`);
  execFileSync('npx', ['tsx', 'packages/server/src/gen/cli.ts', '--cases', String(CASES), '--years', '3'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
}

const dir = arg('--data-dir') ?? join(ROOT, '.data', `bench-action-${size}`);
if (!process.argv.includes('--pg-only')) {
  if (!existsSync(join(dir, 'pglite'))) gen({ DATABASE_URL: '', DATA_DIR: dir });
  await benchTarget('PGlite', { dataDir: dir });
}
if (process.argv.includes('--pglite-only')) {
  // PostgreSQL left out on purpose
} else if (PG_URL) {
  const url = await ensurePgDatabase(`cg_bench_action_${size}`, CASES);
  await benchTarget('PostgreSQL', { databaseUrl: url });
} else console.log('PostgreSQL left out: set DATABASE_URL to a server we may create databases on');
