import { join } from 'node:path';
import { pino } from 'pino';
import type { Config } from './config.ts';
import type { AppContext, Services } from './context.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { startModules } from './http/app.ts';
import { modules } from './modules.ts';

const DEMO_KEY = 'demo_seed';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ url: config.databaseUrl })
    : openDatabase({ dataDir: join(config.dataDir, 'pglite') });
}

/** Open the database, bring the schema up to date, start every module's services. */
export async function createContext(config: Config, database?: Database): Promise<AppContext> {
  const log = pino({ level: config.logLevel });
  const db = database ?? (await openConfiguredDatabase(config));
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const ctx: AppContext = { config, database: db, db: db.db, log, services: {} as Services };
  await startModules(ctx);
  return ctx;
}

export async function isDemoSeeded(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('app_meta')
    .select('key')
    .where('key', '=', DEMO_KEY)
    .executeTakeFirst();
  return row !== undefined;
}

/** Seed the Tianjin demo city (every module's demo data) once; later calls do nothing. */
export async function seedDemo(ctx: AppContext, force = false): Promise<boolean> {
  if (!force && (await isDemoSeeded(ctx))) return false;
  const started = Date.now();
  for (const m of modules) {
    if (!m.seedDemo) continue;
    ctx.log.info({ module: m.name }, 'seeding demo data');
    await m.seedDemo(ctx);
  }
  await ctx.db
    .insertInto('app_meta')
    .values({ key: DEMO_KEY, value: JSON.stringify({ city: 'tianjin', at: new Date().toISOString() }) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updated_at: new Date() }),
    )
    .execute();
  ctx.log.info({ ms: Date.now() - started }, 'demo city seeded');
  return true;
}
