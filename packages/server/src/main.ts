import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, seedDemo } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { dumpPglite, PID_FILE, REQUEST_FILE, writeBackup } from './db/backup.ts';
import { demoCasesFromEnv, seedDemoHistory } from './gen/demo-history.ts';
import { buildApp, stopModules } from './http/app.ts';
import { productionProblems, refusalMessage } from './setup/domain/production.ts';

const config = loadConfig();
const refused = productionProblems({
  nodeEnv: config.nodeEnv,
  demo: config.demo,
  secret: config.secret,
  publicUrl: config.publicUrl,
});
if (refused.length) {
  console.error(refusalMessage(refused));
  process.exit(78);
}
const demoCases = demoCasesFromEnv();
const ctx = await createContext(config);
// The first start of a demo: the city, its users and (DEMO_CASES, 0 to skip) a lived-in 90-day history.
if (config.demo && (await seedDemo(ctx)) && demoCases > 0) {
  ctx.log.info(`seeding a 90-day history of ${demoCases} cases (DEMO_CASES=0 skips it)`);
  await seedDemoHistory(ctx, { cases: demoCases, days: 90 });
}
const app = await buildApp(ctx, { logger: { level: config.logLevel } });
await app.listen({ port: config.port, host: config.host });
ctx.log.info(`CivicGrid is serving at http://localhost:${config.port} (database: ${ctx.database.kind})`);
const admin = await ctx.db
  .selectFrom('user_post')
  .select('id')
  .where('role', '=', 'admin')
  .where('retired_at', 'is', null)
  .executeTakeFirst();
if (!admin)
  ctx.log.warn(
    'no administrator yet: run `npm run setup -- --city-code <code> --city-name <name> --admin <user name>` (README, "Go live as your city")',
  );

// Embedded database: `npm run db:backup` asks this process (SIGUSR2) to write a consistent backup.
const pidFile = join(config.dataDir, PID_FILE);
if (ctx.database.kind === 'pglite') {
  writeFileSync(pidFile, String(process.pid));
  process.on('SIGUSR2', () => {
    const requestFile = join(config.dataDir, REQUEST_FILE);
    if (!existsSync(requestFile)) return;
    const { target } = JSON.parse(readFileSync(requestFile, 'utf8')) as { target: string };
    rmSync(requestFile, { force: true });
    dumpPglite(ctx.database)
      .then((dump) => writeBackup(target, dump, config.dataDir))
      .then((r) => ctx.log.info({ target, ...r }, 'backup written'))
      .catch((error) => ctx.log.error({ err: error, target }, 'backup failed'));
  });
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  ctx.log.info({ signal }, 'shutting down');
  await app.close();
  await stopModules(ctx);
  await ctx.database.close();
  rmSync(pidFile, { force: true });
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
