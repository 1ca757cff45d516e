import { openConfiguredDatabase } from '../bootstrap.ts';
import { CASE_STATES, checkReplay } from '../cases/index.ts';
import { loadConfig } from '../config.ts';

/**
 * `npm run replay`: rebuild every case of the configured database (DATABASE_URL, or PGlite under
 * DATA_DIR) from its history and compare with the stored rows. Exit 1 on any difference.
 * For the 100,000-case check: `npm run gen -- --cases 100000` first.
 */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
const started = Date.now();
const r = await checkReplay(database.db);
await database.close();
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${r.cases} cases, ${r.actions} history rows replayed in ${secs} s on ${database.kind}`);
console.log(CASE_STATES.map((s) => `${s} ${r.byStatus[s] ?? 0}`).join(', '));
if (r.mismatchCount) {
  console.log(`${r.mismatchCount} cases differ from their history, e.g.:`);
  for (const m of r.mismatches) console.log(`  case ${m.caseId}: ${m.columns.join(', ')}`);
  process.exit(1);
}
console.log('every stored case equals its replayed history');
