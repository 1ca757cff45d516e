import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createContext, isDemoSeeded, seedDemo } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { rebuildRollups } from '../dashboard/index.ts';
import { stopModules } from '../http/app.ts';
import { contractSizes, generateContracts, rebuildContractFigures } from './contracts.ts';
import { dropSecondaryIndexes, restoreIndexes } from './deferred-indexes.ts';
import { generateCases } from './generate.ts';
import { loadCategories, loadGrids, loadUnits, topUpGrids } from './world.ts';

const USAGE = `usage: npm run gen -- --grids 15000|100000 --cases N --years Y [--seed S] [--batch B]
         [--disputes N|tianjin] [--places N --visits N|tianjin]
Fills the configured database (DATABASE_URL, or PGlite under DATA_DIR) with a city-scale case
history on the Tianjin demo city, then rebuilds the dashboard rollups. --cases 0 adds no cases.
--disputes adds disputes with parties, sessions and agreements (tianjin: ≈ 1 M over 3 years, scaled
by --years); --places/--visits add places under supervision and inspections over --years (tianjin:
100,000 places and ≈ 1 M visits over 3 years), hazards opening cases of kind hazard. The disputes'
figures are rebuilt from the rows (gen/contracts.ts).`;

const { values } = parseArgs({
  options: {
    grids: { type: 'string', default: '15000' },
    cases: { type: 'string', default: '100000' },
    years: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    batch: { type: 'string', default: '50000' },
    disputes: { type: 'string', default: '0' },
    places: { type: 'string', default: '0' },
    visits: { type: 'string', default: '0' },
    'keep-indexes': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const num = (name: keyof typeof values, min: number) => {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v < min) {
    console.error(`--${name} must be a number ≥ ${min}\n${USAGE}`);
    process.exit(2);
  }
  return v;
};
const grids = num('grids', 1);
const cases = num('cases', 0);
const years = num('years', 0.01);
const contracts = contractSizes(values, years);
const seed = num('seed', 0);
const batch = num('batch', 1000);

const config = { ...loadConfig(), logLevel: 'warn' };
const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1);
const ctx = await createContext(config);
if (!(await isDemoSeeded(ctx))) {
  console.log('seeding the demo city first');
  await seedDemo(ctx);
}
// Background work of the modules (deadline sweeper, …) stays off while we load.
await stopModules(ctx);
const db = ctx.db;
const added = await topUpGrids(db, grids, config.gridCodeWidth);
if (added) console.log(`added ${added} grids (no boundaries) to reach ${grids}`);
const world = {
  grids: await loadGrids(db),
  categories: await loadCategories(db),
  units: await loadUnits(db),
};
console.log(
  `${world.grids.length} grids, ${world.categories.length} categories, ${world.units.centreOf.size} centres; generating ${cases} cases over ${years} years on ${ctx.database.kind}`,
);
// A big load into PostgreSQL goes faster without secondary indexes: drop, load, build again.
const deferIndexes =
  ctx.database.kind === 'postgres' &&
  cases + contracts.disputes + contracts.visits >= 200_000 &&
  !values['keep-indexes'];
const dropped = deferIndexes ? await dropSecondaryIndexes(db) : [];
if (dropped.length)
  console.log(
    `dropped ${dropped.length} secondary indexes for the load: ${dropped.map((i) => i.name).join(', ')}`,
  );
const loadStart = Date.now();
const cpuStart = process.cpuUsage();
const now = new Date();
const progress = (what: string) => (done: number, total: number) => {
  const rate = done / ((Date.now() - loadStart) / 1000);
  const eta = rate > 0 ? (total - done) / rate : 0;
  process.stdout.write(`\r${done}/${total} ${what}  ${Math.round(rate)}/s  eta ${Math.round(eta)}s   `);
};
const url = config.databaseUrl ? { databaseUrl: config.databaseUrl } : {};
const result =
  cases > 0
    ? await generateCases(ctx.database, world, {
        cases,
        years,
        seed,
        batch,
        now,
        ...url,
        onProgress: progress('cases'),
      })
    : { cases: 0, actions: 0, serverCpuSeconds: null };
const loadSecs = (Date.now() - loadStart) / 1000;
const cpu = process.cpuUsage(cpuStart);
const genCpu = (cpu.user + cpu.system) / 1e6;
if (result.cases > 0) {
  console.log(
    `\nloaded ${result.cases} cases and ${result.actions} actions in ${loadSecs.toFixed(1)} s (${Math.round(result.cases / loadSecs)} cases/s)`,
  );
  console.log(
    `CPU: generator ${genCpu.toFixed(1)} s, database COPY ${result.serverCpuSeconds?.toFixed(1) ?? 'n/a'} s (the two run in parallel on 2 cores)`,
  );
}
await generateContracts(ctx.database, world, contracts, { years, seed, batch, now, ...url });
if (dropped.length) {
  const indexStart = Date.now();
  await restoreIndexes(db, dropped);
  console.log(`indexes rebuilt in ${((Date.now() - indexStart) / 1000).toFixed(1)} s`);
}
const rollStart = Date.now();
const rows = await rebuildRollups(db, { postgres: ctx.database.kind === 'postgres' });
await rebuildContractFigures(ctx, contracts);
await sql`analyze`.execute(db);
console.log(
  `rollups rebuilt: ${rows} rows in ${((Date.now() - rollStart) / 1000).toFixed(1)} s; total ${secs()} s`,
);
await ctx.database.close();
