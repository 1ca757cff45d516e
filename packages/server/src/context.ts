import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';

/**
 * What every module gets: the database, the configuration and a logger. Modules add their
 * services to `services` at start-up (see modules.ts) so others can call them.
 */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  services: Services;
}

/** Module services, filled in by each module's `start`. Extended by declaration merging. */
// biome-ignore lint/suspicious/noEmptyInterface: modules add their services by declaration merging
export interface Services {}

/**
 * A domain module: its services start with the app (in list order, so a module may use the
 * services of those before it), its routes are registered under the API, and it stops with it.
 */
export interface Module {
  name: string;
  start?(ctx: AppContext): Promise<void> | void;
  routes?(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
  stop?(ctx: AppContext): Promise<void> | void;
  /** Seed the demo city's data for this module (idempotent). */
  seedDemo?(ctx: AppContext): Promise<void>;
}
