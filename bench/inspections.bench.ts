/**
 * Inspections (issue 15), through the real server in its own process: the running city-wide
 * campaign's board and a place's page (p50/p95 beside the same rows read by plain SQL), and a
 * places workbook imported from Excel (beside only reading the workbook).
 *
 *   tsx bench/inspections.bench.ts          PostgreSQL 20k places / 200k visits (when DATABASE_URL is set), PGlite the same; import 20k rows
 *   tsx bench/inspections.bench.ts --full   100k places / ≈ 1 M visits on both; import 100k rows
 *   --places 100000 --visits 1000000 --import 100000   choose the sizes; --pg-only / --pglite-only
 *
 * Goals: board p95 < 100 ms, a place's page p95 < 20 ms, 100,000 places imported in < 60 s.
 */
import { request } from 'node:http';
import ExcelJS from 'exceljs';
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
const PLACES = sizesArg('--places')?.[0] ?? (full ? 100_000 : 20_000);
const VISITS = sizesArg('--visits')?.[0] ?? (full ? 1_000_000 : 200_000);
const IMPORT = sizesArg('--import')?.[0] ?? (full ? 100_000 : 20_000);
const CAMPAIGN = '城市安全隐患排查整治专项行动';

/** A places workbook of `n` rows in the import's layout (grids by code), keys BENCH-IMP-n. */
async function workbook(grids: string[], n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('places');
  ws.addRow(['编号', '名称', '类型', '规模', '面积', '地址', '网格', '风险等级', '负责人', '负责人电话']);
  const types = ['小商店', '小餐饮', '小作坊', '出租房屋'];
  for (let i = 0; i < n; i++)
    ws.addRow([
      `BENCH-IMP-${String(i).padStart(6, '0')}`,
      `导入场所${i}`,
      types[i % types.length],
      '小',
      40 + (i % 200),
      `天津市某区某路${i}号`,
      grids[(i * 7919) % grids.length],
      ['高', '中', '低'][i % 3],
      `负责人${i % 1000}`,
      `139${String(i).padStart(8, '0')}`,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer) {
  const boundary = `----cgbench${Date.now()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="places.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

function post(url: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': body.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The references, read with the database opened here (before the server takes it). */
async function references(target: GenTarget) {
  const database = await target.open();
  const db = database.db;
  const c = (
    await sql<{ id: number; region_path: string; place_types: unknown }>`
    select id, region_path, place_types from campaign where name = ${CAMPAIGN} order by id desc limit 1`.execute(
      db,
    )
  ).rows[0];
  if (!c) throw new Error(`no campaign ${CAMPAIGN}: generate with --places`);
  const types = (typeof c.place_types === 'string' ? JSON.parse(c.place_types) : c.place_types) as string[];
  const board = await timed(10, () =>
    sql`select p.district_code, count(*) as due, count(*) filter (where exists
        (select 1 from inspection i where i.campaign_id = ${c.id} and i.place_id = p.id)) as visited
      from place p where p.region_path like ${`${c.region_path}%`} and p.retired_at is null and p.place_type = any(${types})
      group by 1`.execute(db),
  );
  // the busiest places (the most visits and hazards) and a random sample
  const busy = await sql<{
    id: number;
  }>`select place_id as id from inspection group by 1 order by count(*) desc limit 20`.execute(db);
  const sample = await sql<{
    id: number;
  }>`select id from place where key like 'GEN-%' order by random() limit 40`.execute(db);
  const ids = [...busy.rows, ...sample.rows].map((r) => Number(r.id));
  const page = await timed(ids.length, (i) =>
    Promise.all([
      sql`select * from place where id = ${ids[i % ids.length]}`.execute(db),
      sql`select id, at, inspector_name, failed from inspection where place_id = ${ids[i % ids.length]} order by at desc limit 50`.execute(
        db,
      ),
      sql`select * from hazard where place_id = ${ids[i % ids.length]} order by found_at desc limit 100`.execute(
        db,
      ),
    ]),
  );
  const grids = (
    await sql<{ code: string }>`select code from region where level = 'grid' and retired_at is null`.execute(
      db,
    )
  ).rows.map((g) => g.code);
  const [counts] = (
    await sql<{ places: number; visits: number; hazards: number }>`
    select (select count(*)::int from place) as places, (select count(*)::int from inspection) as visits,
      (select count(*)::int from hazard) as hazards`.execute(db)
  ).rows;
  await database.close();
  return { campaign: Number(c.id), board, page, ids, grids, counts };
}

async function benchOne(target: GenTarget) {
  const ref = await references(target);
  const file = await workbook(ref.grids, IMPORT);
  const parse = await timed(1, async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  });
  const port = freePort();
  const server = await startServer(target.env, port);
  const base = `http://127.0.0.1:${port}`;
  const sizes = `${ref.counts?.places} places, ${ref.counts?.visits} visits, ${ref.counts?.hazards} hazards`;
  const row = (what: string, p50: number, p95: number | null, plain: number, note: string) => ({
    database: target.label,
    data: sizes,
    query: what,
    'p50 ms': fixed(p50),
    'p95 ms': p95 === null ? '' : fixed(p95),
    'plain p50 ms': fixed(plain),
    'ours/plain': `${fixed(p50 / plain, 1)}×`,
    note,
  });
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
      return r.json() as Promise<{ total?: { due: number; visited: number; found: number } }>;
    };
    const board = await timed(30, () => get(`/api/v1/campaigns/${ref.campaign}/board`));
    const total = (await get(`/api/v1/campaigns/${ref.campaign}/board`)).total;
    out.push(
      row(
        'campaign board, whole city',
        board.p50,
        board.p95,
        ref.board.p50,
        `${board.p95 < 100 ? 'goal met' : 'GOAL MISSED'} (p95 < 100 ms); due ${total?.due}, visited ${total?.visited}, found ${total?.found}`,
      ),
    );
    const page = await timed(ref.ids.length, (i) => get(`/api/v1/places/${ref.ids[i % ref.ids.length]}`));
    out.push(
      row(
        'a place’s page (20 busiest, 40 random)',
        page.p50,
        page.p95,
        ref.page.p50,
        `${page.p95 < 20 ? 'goal met' : 'GOAL MISSED'} (p95 < 20 ms)`,
      ),
    );
    const form = multipart(file);
    const t0 = performance.now();
    // node:http, not fetch: an import may take longer than fetch's 300-second wait for headers
    const res = await post(
      `${base}/api/v1/places/import`,
      { ...headers, 'content-type': form.type },
      form.body,
    );
    const secs = (performance.now() - t0) / 1000;
    const answer = JSON.parse(res.body) as { rows?: number; created?: number; updated?: number };
    if (res.status >= 300) throw new Error(`import: ${res.status} ${res.body.slice(0, 500)}`);
    out.push(
      row(
        `import ${IMPORT} places from Excel (${fixed(file.length / 1e6)} MB)`,
        secs * 1000,
        null,
        parse.p50,
        `${secs < 60 ? 'goal met' : 'GOAL MISSED'} (< 60 s): ${answer.created} created, ${answer.updated} updated; server peak RSS ${fixed(peakRssMiB(server.pid as number), 0)} MiB`,
      ),
    );
  } finally {
    await stopServer(server);
  }
  return out;
}

export async function runInspectionsBench() {
  const args = ['--cases', '0', '--places', String(PLACES), '--visits', String(VISITS), '--years', '3'];
  const name = `inspections_${sizeName(PLACES)}_${sizeName(VISITS)}`;
  const targets: (() => Promise<GenTarget> | GenTarget)[] = [];
  if (PG_URL && !process.argv.includes('--pglite-only')) targets.push(() => pgTarget(name, args));
  if (!PG_URL) console.log('PostgreSQL left out: set DATABASE_URL to a server we may create databases on');
  if (!process.argv.includes('--pg-only')) targets.push(() => pgliteTarget(name.replace(/_/g, '-'), args));
  const rows: Record<string, string | number>[] = [];
  for (const t of targets) rows.push(...(await benchOne(await t())));
  console.log('\nInspections: the campaign board, a place’s page and the places import (HTTP, real server)');
  printTable(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await runInspectionsBench();
