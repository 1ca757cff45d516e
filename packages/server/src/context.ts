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
