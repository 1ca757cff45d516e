import { sql } from 'kysely';
import { openConfiguredDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { rebuildRollups } from '../dashboard/index.ts';
import { migrate } from '../db/migrate.ts';

/** `npm run rollups:rebuild`: recompute the dashboard rollups from the cases (one transaction). */
const database = await openConfiguredDatabase(loadConfig());
await migrate(database);
const started = Date.now();
const rows = await rebuildRollups(database.db, { postgres: database.kind === 'postgres' });
await sql`analyze case_rollup_daily`.execute(database.db);
console.log(`rollups rebuilt: ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await database.close();
