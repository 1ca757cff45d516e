import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { createContext } from '../src/bootstrap.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { buildApp, stopModules } from '../src/http/app.ts';
import { adminUrl, databaseUrlFor } from './pg-admin.ts';

let counter = 0;

/**
 * A fresh database holding the seeded Tianjin demo (a copy of the run's template), on PGlite
 * or, when DATABASE_URL is set, on that PostgreSQL server.
 */
export async function openTestDatabase(): Promise<Database> {
  const template = inject('templateDatabase');
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `cg_t_${process.ppid}_${process.pid}_${++counter}_${Date.now() % 100000}`;
    const admin = await openDatabase({ url: adminUrl(url) });
    await admin.exec(`create database ${name} template ${template}`);
    await admin.close();
    return openDatabase({ url: databaseUrlFor(url, name) });
  }
  return openDatabase({ loadDataDir: new Blob([readFileSync(template)]) });
}

/** An empty database (schema only, no city), as a city's first start has: PGlite in memory or a new PostgreSQL database. */
export async function openEmptyDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({});
  const name = `cg_t_${process.ppid}_${process.pid}_${++counter}_${Date.now() % 100000}`;
  const admin = await openDatabase({ url: adminUrl(url) });
  await admin.exec(`create database ${name}`);
  await admin.close();
  return openDatabase({ url: databaseUrlFor(url, name) });
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * The real server (every module, real database with the demo city), driven by `app.inject`.
 * `setup` runs after the modules started and before the routes are built, as a module's `start`
 * would (a test registers a case kind there). `empty`: no city at all, as a new installation.
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  setup?: (ctx: AppContext) => Promise<void> | void,
  options: { empty?: boolean } = {},
): Promise<TestApp> {
  const database = options.empty ? await openEmptyDatabase() : await openTestDatabase();
  const config: Config = { ...loadConfig(), logLevel: 'warn', demo: false, ...overrides };
  const ctx = await createContext(config, database);
  await setup?.(ctx);
  const app = await buildApp(ctx, { logger: false });
  return {
    app,
    ctx,
    async close() {
      await app.close();
      await stopModules(ctx);
      await database.close();
    },
  };
}
