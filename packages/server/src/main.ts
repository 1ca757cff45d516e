import { createContext, seedDemo } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { buildApp, stopModules } from './http/app.ts';

const config = loadConfig();
const ctx = await createContext(config);
if (config.demo) await seedDemo(ctx);
const app = await buildApp(ctx, { logger: { level: config.logLevel } });
await app.listen({ port: config.port, host: config.host });
ctx.log.info(`CivicGrid is serving at http://localhost:${config.port} (database: ${ctx.database.kind})`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  ctx.log.info({ signal }, 'shutting down');
  await app.close();
  await stopModules(ctx);
  await ctx.database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
