/**
 * The kill -9 drill (`npm run drill:kill9`): the real server under load — grid workers reporting,
 * a station accepting and starting what they report — is killed with SIGKILL mid-load, started
 * again on the same database, and checked:
 *  - every report and action the server acknowledged (2xx) before the kill is there;
 *  - no request reached a 5xx;
 *  - every stored case equals its replayed history (cases' checkReplay);
 *  - the dashboard rollups equal a rebuild from the cases;
 *  - a new report after the restart gets the next case number (numbering intact).
 * PGlite under a fresh DATA_DIR by default; DATABASE_URL for PostgreSQL (a fresh database
 * `cg_drill_kill9` is created next to the one named). Options: --clients N (default 8),
 * --kill-after-ms N (default 15000), --rounds N (kill and restart N times, default 2).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openConfiguredDatabase } from '../packages/server/src/bootstrap.ts';
import { checkReplay } from '../packages/server/src/cases/index.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { rebuildRollups } from '../packages/server/src/dashboard/index.ts';
import { freePort, login, startServer, stopServer } from './server-process.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    'kill-after-ms': { type: 'string', default: '15000' },
    rounds: { type: 'string', default: '2' },
  },
});
const CLIENTS = Number(values.clients);
const KILL_AFTER = Number(values['kill-after-ms']);
const ROUNDS = Number(values.rounds);

/** Where the drill's database lives: a fresh PGlite directory or a fresh PostgreSQL database. */
async function freshDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'cg-kill9-'));
    return { env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('drop database if exists cg_drill_kill9 with (force)');
  await admin.query('create database cg_drill_kill9');
  await admin.end();
  const target = new URL(url);
  target.pathname = '/cg_drill_kill9';
  return {
    env: { DATABASE_URL: target.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('drop database if exists cg_drill_kill9 with (force)');
      await c.end();
    },
  };
}

type Headers = Record<string, string>;
const json = (h: Headers) => ({ ...h, 'content-type': 'application/json' });

interface Load {
  reports: Map<string, number>; // idempotency key -> case id, acknowledged
  actions: { caseId: number; action: string }[]; // acknowledged actions
  fiveXX: string[];
  stop: boolean;
}

async function reporter(base: string, h: Headers, grid: string, load: Load, w: number, round: number) {
  for (let i = 0; !load.stop; i++) {
    const key = `kill9-${round}-${w}-${i}`;
    const res = await fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: { ...json(h), 'idempotency-key': key },
      body: JSON.stringify({
        kind: 'request',
        category: 'request.road',
        description: `路面坑洼，演练 ${key}`,
        gridCode: grid,
        channel: 'field',
        reporter: { name: '王五', phone: '13900000000' },
      }),
    }).catch(() => null);
    if (!res) continue; // the server is down: the request was not acknowledged
    if (res.status >= 500) load.fiveXX.push(`POST /api/v1/cases ${res.status}`);
    if (res.status === 201) load.reports.set(key, ((await res.json()) as { id: number }).id);
  }
}

async function handler(base: string, h: Headers, load: Load, w: number, round: number) {
  for (let j = 0; !load.stop; j++) {
    const ids = [...load.reports.values()];
    const caseId = ids[(w * 7919 + j) % Math.max(1, ids.length)];
    if (caseId === undefined) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    for (const action of ['accept', 'start']) {
      const clientId = `kill9-${round}-${w}-${j}-${action}`;
      const res = await fetch(`${base}/api/v1/cases/${caseId}/actions`, {
        method: 'POST',
        headers: json(h),
        body: JSON.stringify({ action, clientId, payload: {} }),
      }).catch(() => null);
      if (!res) continue;
      if (res.status >= 500) load.fiveXX.push(`POST /api/v1/cases/${caseId}/actions ${res.status}`);
      if (res.ok) load.actions.push({ caseId, action });
    }
  }
}

/** Replay and rollups, read with the server stopped (PGlite allows one process at a time). */
async function checkDatabase(env: Record<string, string>) {
  const database = await openConfiguredDatabase(loadConfig({ ...process.env, ...env }));
  try {
    const replay = await checkReplay(database.db);
    await sql`drop table if exists kill9_rollups_before`.execute(database.db);
    await sql`create table kill9_rollups_before as select * from case_rollup_daily`.execute(database.db);
    await rebuildRollups(database.db, { postgres: database.kind === 'postgres' });
    const diff = await sql<{ n: number }>`select count(*)::int as n from (
      (select * from kill9_rollups_before except all select * from case_rollup_daily)
      union all (select * from case_rollup_daily except all select * from kill9_rollups_before)) d`.execute(
      database.db,
    );
    await sql`drop table kill9_rollups_before`.execute(database.db);
    return {
      cases: replay.cases,
      replayMismatches: replay.mismatchCount,
      rollupRowsDiffering: diff.rows[0]?.n ?? -1,
    };
  } finally {
    await database.close();
  }
}

const db = await freshDatabase();
const port = freePort();
const base = `http://127.0.0.1:${port}`;
const env = { ...db.env, DEMO: '1', DEMO_CASES: '0', CASES_PERIODIC_MS: '2000' };
let failures = 0;
const fail = (what: string) => {
  failures++;
  console.log(`  FAIL ${what}`);
};
try {
  let server = await startServer(env, port);
  for (let round = 1; round <= ROUNDS; round++) {
    const worker = await login(base, 'gridworker');
    const me = await fetch(`${base}/api/v1/auth/me`, { headers: worker }).then(
      (r) => r.json() as Promise<{ regionPaths: string[] }>,
    );
    const grid = me.regionPaths[0]?.split('/').filter(Boolean).at(-1) ?? '';
    const station = await login(base, 'urban_station');
    const load: Load = { reports: new Map(), actions: [], fiveXX: [], stop: false };
    const running = [
      ...Array.from({ length: CLIENTS }, (_, w) => reporter(base, worker, grid, load, w, round)),
      ...Array.from({ length: Math.max(1, CLIENTS / 2) }, (_, w) => handler(base, station, load, w, round)),
    ];
    await new Promise((r) => setTimeout(r, KILL_AFTER));
    const reports = new Map(load.reports);
    const actions = [...load.actions];
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    load.stop = true;
    await Promise.all(running);
    console.log(
      `round ${round}: SIGKILL after ${KILL_AFTER} ms with ${reports.size} reports and ${actions.length} actions acknowledged`,
    );
    const checked = await checkDatabase(db.env);
    console.log(
      `  ${checked.cases} cases; replay mismatches ${checked.replayMismatches}; rollup rows differing from a rebuild ${checked.rollupRowsDiffering}`,
    );
    if (checked.replayMismatches) fail('stored cases differ from their history');
    if (checked.rollupRowsDiffering) fail('rollups differ from a rebuild');
    if (load.fiveXX.length) fail(`5xx answers: ${load.fiveXX.slice(0, 3).join('; ')}`);
    const restarted = Date.now();
    server = await startServer(env, port);
    console.log(`  restarted in ${((Date.now() - restarted) / 1000).toFixed(1)} s`);
    const admin = await login(base, 'urban_station');
    let missing = 0;
    for (const id of reports.values()) {
      const res = await fetch(`${base}/api/v1/cases/${id}`, { headers: admin });
      if (!res.ok) missing++;
    }
    if (missing) fail(`${missing} acknowledged reports missing`);
    const byCase = new Map<number, string[]>();
    for (const a of actions) byCase.set(a.caseId, [...(byCase.get(a.caseId) ?? []), a.action]);
    let lost = 0;
    for (const [id, names] of byCase) {
      const res = await fetch(`${base}/api/v1/cases/${id}`, { headers: admin });
      const history = res.ok ? ((await res.json()) as { history: { action: string }[] }).history : [];
      lost += names.filter((n) => !history.some((h) => h.action === n)).length;
    }
    if (lost) fail(`${lost} acknowledged actions missing from history`);
    const after = await fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: { ...json(await login(base, 'gridworker')), 'idempotency-key': `kill9-after-${round}` },
      body: JSON.stringify({
        kind: 'request',
        category: 'request.road',
        description: '重启后的新报告',
        gridCode: grid,
        channel: 'field',
      }),
    });
    if (after.status !== 201) fail(`a report after the restart answered ${after.status}`);
    else console.log(`  a report after the restart: ${((await after.json()) as { number: string }).number}`);
  }
  await stopServer(server);
} finally {
  await db.drop();
}
console.log(
  failures
    ? `kill -9 drill: ${failures} failures`
    : 'kill -9 drill: every acknowledged write survived, figures exact',
);
process.exit(failures ? 1 : 0);
