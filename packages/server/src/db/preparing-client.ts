import { createHash } from 'node:crypto';
import pg from 'pg';
import { roundTrips } from './round-trips.ts';

/** Statements a connection keeps prepared at most (PostgreSQL holds each one's plan in memory). */
const MAX_PREPARED = 400;
/** Longer texts (long value lists) are one-offs: not worth a prepared statement. */
const MAX_TEXT = 8_000;

/**
 * A pg client that runs each parameterised statement as a named prepared statement on its
 * connection. PostgreSQL then parses it once per connection and, after a few executions, may keep
 * one generic plan (plan_cache_mode auto: only when it is not costlier than planning afresh). On
 * the partitioned case tables, planning costs more than running most queries (an inbox's counts:
 * 15 ms to plan, 6 ms to run at 10 M cases), so this is most of a request's database time.
 */
export class PreparingClient extends pg.Client {
  private readonly names = new Map<string, string>();

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() is overloaded; we pass every form through
  override query(config: any, values?: any, callback?: any): any {
    roundTrips.count++;
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      callback === undefined &&
      config.length < MAX_TEXT
    ) {
      let name = this.names.get(config);
      if (!name && this.names.size < MAX_PREPARED) {
        name = `cg_${createHash('sha1').update(config).digest('base64url').slice(0, 22)}`;
        this.names.set(config, name);
      }
      if (name) return super.query({ text: config, values, name });
    }
    return super.query(config, values, callback);
  }
}
