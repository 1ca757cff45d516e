/**
 * Disputes (issue 14): the figures from their rollups beside the same counts by a plain GROUP BY
 * over the disputes, and the ledger (台账) streamed to Excel by the real server in its own process
 * (time, bytes, the server's peak RSS) beside a plain read of the same rows.
 *
 *   tsx bench/disputes.bench.ts            PostgreSQL 100k disputes (when DATABASE_URL is set), PGlite 20k
 *   tsx bench/disputes.bench.ts --full     PostgreSQL and PGlite 1M (Tianjin's three years)
 *   --pg 1000000 / --pglite 20000          choose the sizes; --ledger 150000: rows to export (default ≤ 150,000)
 *
 * Goals: figures p95 < 20 ms; a 150,000-row ledger in < 30 s with the server under 400 MB.
 */
import { sql } from 'kysely';
import {
  fixed,
  type GenTarget,
  PG_URL,
  pgliteTarget,
  pgTarget,
  sizeName,
  sizesArg,
  timed,
} from './contracts-data.ts';
import { printTable } from './measure.ts';
import { freePort, login, peakRssMiB, startServer, stopServer } from './server-process.ts';

const full = process.argv.includes('--full');
const LEDGER_ROWS = sizesArg('--ledger')?.[0] ?? 150_000;
// --only figures | --only ledger: one half of the bench (e.g. to profile the export)
const only = process.argv[process.argv.indexOf('--only') + 1];
const part = (name: string) => !process.argv.includes('--only') || only === name;

const month = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7);
const to = month(Date.now());
const from12 = month(Date.now() - 334 * 86_400_000);
const from3 = month(Date.now() - 62 * 86_400_000);
const monthStart = (m: string) => new Date(`${m}-01T00:00:00+08:00`);

interface Scope {
  code: string;
  path: string;
}

async function scopes(target: GenTarget) {
  const database = await target.open();
  const db = database.db;
  const one = async (q: ReturnType<typeof sql<Scope>>) => (await q.execute(db)).rows[0] as Scope;
  const city = await one(sql<Scope>`select code, path from region where level = 'city' limit 1`);
  const district =
    await one(sql<Scope>`select r.code, r.path from dispute d join region r on r.code = d.district_code
    group by 1, 2 order by count(*) desc limit 1`);
  const street =
    await one(sql<Scope>`select r.code, r.path from dispute d join region r on r.code = d.street_code
    where d.district_code = ${district.code} group by 1, 2 order by count(*) desc limit 1`);
  // the ledger: the city's first LEDGER_ROWS disputes in case order (`?limit=`)
  const total = Number(
    (await sql<{ n: number }>`select count(*)::int as n from dispute`.execute(db)).rows[0]?.n,
  );
  const ledger = { code: city.code, n: Math.min(total, LEDGER_ROWS) };
  // the references: the same counts by a plain GROUP BY over the disputes
  const plain = async (scope: Scope, fromMonth: string, by: string) =>
    part('figures')
      ? timed(5, () =>
          sql`select ${sql.raw(by)} as key, count(*) as screened, count(*) filter (where outcome = 'agreement') as resolved,
        count(*) filter (where outcome is not null) as mediated
        from dispute where region_path like ${`${scope.path}%`} and screened_at >= ${monthStart(fromMonth)}
        group by 1`.execute(db),
        )
      : { p50: 0, p95: 0 };
  const refs = {
    cityTotal: await plain(city, from12, `'total'`),
    cityDistrict: await plain(city, from12, 'district_code'),
    cityType: await plain(city, from12, 'type'),
    districtStreet: await plain(district, from12, 'street_code'),
    districtMediator: await plain(district, from12, 'org_id'),
    streetOrg: await plain(street, from3, 'org_id'),
  };
  const screened = Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from dispute where screened_at >= ${monthStart(from12)}`.execute(db)
    ).rows[0]?.n,
  );
  const readStart = performance.now();
  const rows =
    await sql`select d.*, (select json_agg(p) from dispute_party p where p.case_id = d.case_id) as parties
    from dispute d order by d.case_id limit ${ledger.n}`.execute(db);
  const plainRead = performance.now() - readStart;
  await database.close();
  return { city, district, street, ledger, total, refs, screened, plainRead, plainRows: rows.rows.length };
}

async function benchOne(target: GenTarget, size: number) {
  const s = await scopes(target);
  const port = freePort();
  const server = await startServer(target.env, port);
  const base = `http://127.0.0.1:${port}`;
  const out: Record<string, string | number>[] = [];
  const push = out.push.bind(out);
  out.push = (...r) => {
    for (const x of r) console.log(JSON.stringify(x));
    return push(...r);
  };
  try {
    const headers = await login(base, 'admin');
    const get = async (path: string) => {
      const r = await fetch(`${base}${path}`, { headers });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json() as Promise<{ items: { screened?: number; mediated: number }[] }>;
    };
    const figures = (region: Scope, from: string, by: string) =>
      `/api/v1/disputes-figures?region=${region.code}&from=${from}&to=${to}&by=${by}`;
    const cases: [string, string, keyof typeof s.refs][] = [
      ['city, 12 months, total', figures(s.city, from12, 'total'), 'cityTotal'],
      ['city, 12 months, by district', figures(s.city, from12, 'district'), 'cityDistrict'],
      ['city, 12 months, by type', figures(s.city, from12, 'type'), 'cityType'],
      ['district, 12 months, by street', figures(s.district, from12, 'street'), 'districtStreet'],
      ['district, 12 months, by mediator', figures(s.district, from12, 'mediator'), 'districtMediator'],
      ['street, 3 months, by organisation', figures(s.street, from3, 'org'), 'streetOrg'],
    ];
    for (const [what, path, ref] of part('figures') ? cases : []) {
      const ours = await timed(size >= 500_000 ? 40 : 60, () => get(path));
      const plain = s.refs[ref];
      out.push({
        database: target.label,
        disputes: size,
        query: `figures: ${what}`,
        'p50 ms': fixed(ours.p50),
        'p95 ms': fixed(ours.p95),
        'plain p50 ms': fixed(plain.p50),
        'plain/ours': `${fixed(plain.p50 / ours.p50, 0)}×`,
        note: ours.p95 < 20 ? 'goal met (< 20 ms)' : 'GOAL MISSED (< 20 ms)',
      });
    }
    const total = (await get(figures(s.city, from12, 'total'))).items[0]?.screened;
    out.push({
      database: target.label,
      disputes: size,
      query: 'figures: screened in 12 months = count of rows',
      'p50 ms': '',
      'p95 ms': '',
      'plain p50 ms': '',
      'plain/ours': '',
      note: total === s.screened ? `yes (${s.screened})` : `NO: ${total} ≠ ${s.screened}`,
    });
    if (!part('ledger')) return out;
    const rssBefore = peakRssMiB(server.pid as number);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/disputes-ledger?limit=${s.ledger.n}`, { headers });
    if (!res.ok || !res.body) throw new Error(`ledger: ${res.status} ${await res.text()}`);
    let bytes = 0;
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
    const secs = (performance.now() - t0) / 1000;
    const rss = peakRssMiB(server.pid as number);
    out.push({
      database: target.label,
      disputes: size,
      query: `ledger export, the city's first ${s.ledger.n} rows`,
      'p50 ms': fixed(secs * 1000, 0),
      'p95 ms': '',
      'plain p50 ms': fixed(s.plainRead, 0),
      'plain/ours': `${fixed((secs * 1000) / s.plainRead, 1)}× slower`,
      note: `${fixed(bytes / 1e6)} MB in ${fixed(secs)} s (goal < 30 s${s.ledger.n < LEDGER_ROWS ? `, only ${s.ledger.n} rows here` : ''}); server peak RSS ${fixed(rss, 0)} MiB (goal < 400; ${fixed(rssBefore, 0)} before the export)`,
    });
  } finally {
    await stopServer(server);
  }
  return out;
}

export async function runDisputesBench() {
  const pgSizes = PG_URL ? (sizesArg('--pg') ?? (full ? [1_000_000] : [100_000])) : [];
  if (!PG_URL) console.log('PostgreSQL left out: set DATABASE_URL to a server we may create databases on');
  const liteSizes = sizesArg('--pglite') ?? (full ? [1_000_000] : [20_000]);
  const args = (n: number) => ['--cases', '0', '--disputes', String(n), '--years', '3'];
  const rows: Record<string, string | number>[] = [];
  for (const n of pgSizes)
    rows.push(...(await benchOne(await pgTarget(`disputes_${sizeName(n)}`, args(n)), n)));
  for (const n of liteSizes)
    rows.push(...(await benchOne(pgliteTarget(`disputes-${sizeName(n)}`, args(n)), n)));
  console.log(
    '\nDisputes: figures (HTTP, real server) beside a plain GROUP BY; the ledger streamed to Excel',
  );
  printTable(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await runDisputesBench();
