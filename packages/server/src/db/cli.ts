import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, openConfiguredDatabase, seedDemo } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { stopModules } from '../http/app.ts';
import { migrate } from './migrate.ts';

const USAGE = 'usage: cli.ts migrate | seed | reset';
const command = process.argv[2];
const config = loadConfig();

async function run() {
  if (command === 'migrate') {
    const database = await openConfiguredDatabase(config);
    const applied = await migrate(database);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is current');
    await database.close();
    return;
  }
  if (command === 'reset') {
    if (config.databaseUrl) {
      const database = await openConfiguredDatabase(config);
      await database.exec('drop schema public cascade; create schema public;');
      await database.close();
    } else {
      rmSync(join(config.dataDir, 'pglite'), { recursive: true, force: true });
    }
    console.log('database emptied; migrating and seeding the demo city');
  }
  if (command === 'seed' || command === 'reset') {
    const ctx = await createContext(config);
    const seeded = await seedDemo(ctx, command === 'seed' && process.argv.includes('--force'));
    console.log(seeded ? 'demo city seeded' : 'demo city already seeded (use --force to seed again)');
    await stopModules(ctx);
    await ctx.database.close();
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}
await run();
