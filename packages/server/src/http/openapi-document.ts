import { createContext } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { buildApp, stopModules } from './app.ts';

/**
 * The server's OpenAPI document, exactly as /api/openapi.json serves it: the real app (every
 * module started, no demo data) on an empty in-memory database, built and closed again.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const ctx = await createContext({ ...loadConfig({}), demo: false, logLevel: 'silent' }, database);
  const app = await buildApp(ctx, { logger: false });
  try {
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await stopModules(ctx);
    await database.close();
  }
}
